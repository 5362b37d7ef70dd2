import GeoCore

/// Input: any bytes. Decoded as WKB and as a GeoPackage blob; both must throw `WKB.DecodeError`
/// or return. A decoded geometry must round-trip: encode → decode → encode gives the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let g = try? WKB.decode(bytes) { checkRoundTrip(g) }
    do {
        if let g = try GeoPackageBinary.decode(data, count: size) { checkRoundTrip(g) }
    } catch is WKB.DecodeError {
    } catch {
        fatalError("GeoPackageBinary threw \(type(of: error)), not WKB.DecodeError")
    }
    return 0
}

func checkRoundTrip(_ g: Geometry) {
    let once = WKB.encode(g)
    guard let again = try? WKB.decode(once) else { fatalError("encoded geometry does not decode") }
    precondition(WKB.encode(again) == once, "WKB round trip changed the geometry")
}
