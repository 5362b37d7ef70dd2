import CGEOS
import GeoCore

/// Collects GEOS's error/notice messages for one context.
private final class MessageSink {
    var lastError: String?
}

private let errorHandler: GEOSMessageHandler_r = { message, userdata in
    guard let userdata else { return }
    let sink = Unmanaged<MessageSink>.fromOpaque(userdata).takeUnretainedValue()
    sink.lastError = message.map { String(cString: $0) } ?? "unknown GEOS error"
}

/// One GEOS context (the reentrant `_r` API) with WKB reader and writer.
///
/// GEOS contexts are not thread-safe: create one engine per thread or task. Geometries cross in
/// and out as `GeoCore.Geometry` values; `GEOSGeometry` handles let several operations chain
/// without a round trip. Every sentinel return becomes a `GEOSError` carrying GEOS's message.
public final class GEOSEngine {
    let handle: GEOSContextHandle_t
    private let sink = MessageSink()
    private let reader: OpaquePointer
    private let writer: OpaquePointer

    public init() throws(GEOSError) {
        guard let h = GEOS_init_r() else {
            throw GEOSError(function: "GEOS_init_r", message: "could not create a GEOS context")
        }
        handle = h
        GEOSContext_setErrorMessageHandler_r(h, errorHandler, Unmanaged.passUnretained(sink).toOpaque())
        guard let r = GEOSWKBReader_create_r(h), let w = GEOSWKBWriter_create_r(h) else {
            GEOS_finish_r(h)
            throw GEOSError(function: "GEOSWKBReader_create_r", message: "could not create WKB reader/writer")
        }
        reader = r
        writer = w
        GEOSWKBWriter_setOutputDimension_r(h, w, 2)
    }

    deinit {
        GEOSWKBReader_destroy_r(handle, reader)
        GEOSWKBWriter_destroy_r(handle, writer)
        GEOS_finish_r(handle)
    }

    /// The GEOS library version string, e.g. "3.11.1-CAPI-1.17.1".
    public static var version: String { String(cString: GEOSversion()) }

    func error(_ function: String) -> GEOSError {
        defer { sink.lastError = nil }
        return GEOSError(function: function, message: sink.lastError ?? "operation failed")
    }

    func wrap(_ raw: OpaquePointer?, _ function: String) throws(GEOSError) -> GEOSGeometry {
        guard let raw else { throw error(function) }
        return GEOSGeometry(raw, engine: self)
    }

    // MARK: conversion

    /// Converts a value to a GEOS geometry.
    public func geometry(_ g: Geometry) throws(GEOSError) -> GEOSGeometry {
        let bytes = WKB.encode(g)
        let raw = bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }
        return try wrap(raw, "GEOSWKBReader_read_r")
    }

    /// Converts a GEOS geometry back to a value.
    public func value(_ g: GEOSGeometry) throws(GEOSError) -> Geometry {
        var size = 0
        guard let buf = GEOSWKBWriter_write_r(handle, writer, g.raw, &size) else {
            throw error("GEOSWKBWriter_write_r")
        }
        defer { GEOSFree_r(handle, buf) }
        do {
            return try WKB.decode(UnsafeRawBufferPointer(start: buf, count: size))
        } catch {
            throw GEOSError(function: "GEOSWKBWriter_write_r", message: "\(error)")
        }
    }
}

/// An owned GEOS geometry handle, valid while its engine lives (it keeps the engine alive).
public final class GEOSGeometry {
    let raw: OpaquePointer
    let engine: GEOSEngine

    init(_ raw: OpaquePointer, engine: GEOSEngine) {
        self.raw = raw
        self.engine = engine
    }

    deinit { GEOSGeom_destroy_r(engine.handle, raw) }
}
