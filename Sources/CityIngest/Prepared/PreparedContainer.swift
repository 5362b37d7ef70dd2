import GeoCore

#if _endian(big)
#error("the prepared-city format is read by loading little-endian values in place")
#endif

/// The container of a prepared city (`.covplan`): a fixed header, a table of contents and
/// 8-byte-aligned sections of little-endian fixed-width columns, each with its own checksum
/// (XXH64's low 32 bits; the header and the TOC have a CRC-32).
/// Layout (byte offsets; all integers little-endian; the full description with every column is
/// docs/prepared-city.md):
///
/// ```
/// header, 64 bytes
///   0  magic "COVPCITY"        8  format version u32     12  header size u32 (64)
///  16  file size u64          24  section count u32      28  TOC entry size u32 (48)
///  32  TOC offset u64 (64)    40  CRC-32 of the TOC u32  44  flags u32 (0)
///  48  reserved (12 zero bytes)                          60  CRC-32 of bytes 0..<60 u32
/// TOC, one 48-byte entry per section
///   0  name, 16 bytes ASCII NUL-padded   16 element type u32 (1 u8, 4 u32, 8 u64, 9 f64)
///  20  checksum of the section u32 (low 32 bits of its XXH64)         24 offset u64 (multiple of 8)
///  32  length in bytes u64               40 element count u64 (length = count × element size)
/// sections, in TOC order, each starting at a multiple of 8 (zero padding between)
/// ```
///
/// Everything is checked before any value is used: magic, version, both CRCs, the file size
/// (truncation), every section inside the file and not overlapping another, lengths equal to
/// count × element size, at most `maxSections` sections. Memory is bounded by the file's real
/// size: no count read from the file drives an allocation before it is checked against it.
struct PreparedContainer {
    static let magic: [UInt8] = Array("COVPCITY".utf8)
    /// The format this covplan writes and reads. Bump on any change of layout or meaning.
    static let formatVersion: UInt32 = 3
    static let headerSize = 64
    static let entrySize = 48
    static let maxSections = 1024

    enum ElementType: UInt32 {
        case u8 = 1, u32 = 4, u64 = 8, f64 = 9
        var size: Int {
            switch self {
            case .u8: 1
            case .u32: 4
            case .u64, .f64: 8
            }
        }
    }

    struct Section {
        var name: String
        var type: ElementType
        var crc: UInt32
        var offset: Int
        var length: Int
        var count: Int
    }

    /// The sections by name, in file order.
    let sections: [Section]
    let byName: [String: Int]

    // MARK: writing

    /// Assembles a container from named sections (in this order).
    struct Builder {
        var parts: [(name: String, type: ElementType, count: Int, bytes: [UInt8])] = []

        mutating func add(_ name: String, _ type: ElementType, count: Int, bytes: [UInt8]) {
            precondition(name.utf8.count <= 16 && name.allSatisfy(\.isASCII), "section name '\(name)'")
            precondition(bytes.count == count * type.size, "section \(name): \(bytes.count) bytes for \(count) elements")
            parts.append((name, type, count, bytes))
        }
        mutating func u8(_ name: String, _ values: [UInt8]) { add(name, .u8, count: values.count, bytes: values) }
        mutating func u32(_ name: String, _ values: [UInt32]) {
            add(name, .u32, count: values.count, bytes: values.withUnsafeBytes { Array($0) })
        }
        mutating func u64(_ name: String, _ values: [UInt64]) {
            add(name, .u64, count: values.count, bytes: values.withUnsafeBytes { Array($0) })
        }
        /// Int32 values as u32 bit patterns.
        mutating func i32(_ name: String, _ values: [Int32]) {
            add(name, .u32, count: values.count, bytes: values.withUnsafeBytes { Array($0) })
        }
        mutating func f64(_ name: String, _ values: [Double]) {
            add(name, .f64, count: values.count, bytes: values.withUnsafeBytes { Array($0) })
        }

        /// The file's bytes.
        func build() -> [UInt8] {
            let tocEnd = headerSize + entrySize * parts.count
            var offsets: [Int] = []
            var at = (tocEnd + 7) & ~7
            for p in parts {
                offsets.append(at)
                at = (at + p.bytes.count + 7) & ~7
            }
            let fileSize = at
            var toc = ByteWriter()
            let crcs = ParallelChunks.map(count: parts.count) { i in XXH64.sectionChecksum(parts[i].bytes) }
            for (i, p) in parts.enumerated() {
                var name = Array(p.name.utf8)
                name += [UInt8](repeating: 0, count: 16 - name.count)
                toc.raw(name)
                toc.u32(p.type.rawValue)
                toc.u32(crcs[i])
                toc.u64(UInt64(offsets[i]))
                toc.u64(UInt64(p.bytes.count))
                toc.u64(UInt64(p.count))
            }
            var head = ByteWriter()
            head.raw(magic)
            head.u32(formatVersion)
            head.u32(UInt32(headerSize))
            head.u64(UInt64(fileSize))
            head.u32(UInt32(parts.count))
            head.u32(UInt32(entrySize))
            head.u64(UInt64(headerSize))
            head.u32(CRC32.checksum(toc.bytes))
            head.u32(0)
            head.raw([UInt8](repeating: 0, count: 12))
            head.u32(CRC32.checksum(head.bytes))
            var out = [UInt8](repeating: 0, count: fileSize)
            out.withUnsafeMutableBytes { dst in
                dst.copyMemory(from: UnsafeRawBufferPointer(start: head.bytes, count: head.bytes.count))
                toc.bytes.withUnsafeBytes { (dst.baseAddress! + headerSize).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                for (i, p) in parts.enumerated() where !p.bytes.isEmpty {
                    p.bytes.withUnsafeBytes { (dst.baseAddress! + offsets[i]).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                }
            }
            return out
        }
    }

    // MARK: reading

    /// Whether `bytes` start with the prepared-city magic.
    static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && zip(bytes.prefix(magic.count), magic).allSatisfy { $0 == $1 }
    }

    /// Checks the header and table of contents of `bytes` (the whole file). Section contents
    /// are checked by `verify`. `checksums: false` skips the header and TOC CRCs (only for the
    /// fuzz target, to reach the structural checks behind them).
    /// `fileSize`: when `bytes` is only the start of the file (header, TOC and the sections to
    /// be used), the file's size; sections are then checked against it.
    init(_ bytes: UnsafeRawBufferPointer, checksums: Bool = true, fileSize actualSize: Int? = nil) throws(PreparedCityFault) {
        let total = actualSize ?? bytes.count
        guard Self.hasMagic(bytes) else {
            throw PreparedCityFault("not a covplan prepared city (the file does not start with \"COVPCITY\")")
        }
        var r = ByteReader(bytes, from: 8, what: "the header")
        guard bytes.count >= 12 else { throw PreparedCityFault("truncated: \(bytes.count) bytes, shorter than the header") }
        let version = try r.u32()
        if version != Self.formatVersion {
            let age = version > Self.formatVersion ? "newer" : "older"
            throw PreparedCityFault("prepared-city format version \(version) is \(age) than the one this covplan reads (\(Self.formatVersion)); prepare the city again with this covplan")
        }
        guard bytes.count >= Self.headerSize else {
            throw PreparedCityFault("truncated: \(bytes.count) bytes, shorter than the \(Self.headerSize)-byte header")
        }
        let headerCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
        guard !checksums || CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<60])) == headerCRC else {
            throw PreparedCityFault("corrupt: the header's checksum does not match")
        }
        let headerSize = try r.u32()
        let fileSize = try r.u64()
        let count = try r.u32()
        let entrySize = try r.u32()
        let tocOffset = try r.u64()
        let tocCRC = try r.u32()
        guard headerSize == Self.headerSize, entrySize == Self.entrySize, tocOffset == UInt64(Self.headerSize) else {
            throw PreparedCityFault("corrupt: header sizes \(headerSize)/\(entrySize)/\(tocOffset) are not those of format \(Self.formatVersion)")
        }
        guard fileSize == UInt64(total) else {
            throw PreparedCityFault(fileSize > UInt64(total)
                ? "truncated: the header says \(fileSize) bytes, the file has \(total)"
                : "corrupt: the header says \(fileSize) bytes, the file has \(total)")
        }
        guard count <= Self.maxSections else {
            throw PreparedCityFault("corrupt: \(count) sections declared (at most \(Self.maxSections))")
        }
        let tocEnd = Self.headerSize + Self.entrySize * Int(count)
        guard tocEnd <= bytes.count else { throw PreparedCityFault("truncated: the table of contents runs past the end of the file") }
        guard !checksums || CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[Self.headerSize..<tocEnd])) == tocCRC else {
            throw PreparedCityFault("corrupt: the table of contents' checksum does not match")
        }
        var t = ByteReader(bytes, from: Self.headerSize, to: tocEnd, what: "the table of contents")
        var sections: [Section] = []
        var byName: [String: Int] = [:]
        for _ in 0..<Int(count) {
            let nameBytes = try t.raw(16)
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            let typeCode = try t.u32()
            guard let type = ElementType(rawValue: typeCode) else {
                throw PreparedCityFault("corrupt: section '\(name)' has unknown element type \(typeCode)")
            }
            let crc = try t.u32()
            let offset = try t.u64(), length = try t.u64(), elements = try t.u64()
            guard offset % 8 == 0, offset >= UInt64(tocEnd), offset <= UInt64(total),
                  length <= UInt64(total) - offset else {
                throw PreparedCityFault("corrupt: section '\(name)' (offset \(offset), \(length) bytes) lies outside the file")
            }
            guard elements.multipliedReportingOverflow(by: UInt64(type.size)) == (length, false) else {
                throw PreparedCityFault("corrupt: section '\(name)' declares \(elements) elements in \(length) bytes")
            }
            guard byName[name] == nil else { throw PreparedCityFault("corrupt: section '\(name)' appears twice") }
            byName[name] = sections.count
            sections.append(Section(name: name, type: type, crc: crc, offset: Int(offset), length: Int(length), count: Int(elements)))
        }
        let ordered = sections.sorted { $0.offset < $1.offset }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.offset + a.length > b.offset {
            throw PreparedCityFault("corrupt: sections '\(a.name)' and '\(b.name)' overlap")
        }
        self.sections = sections
        self.byName = byName
    }

    /// Checks the checksums (XXH64, low 32 bits) of the named sections (all when nil), in parallel.
    func verify(_ bytes: UnsafeRawBufferPointer, only names: [String]? = nil) throws(PreparedCityFault) {
        let list = names.map { $0.compactMap { byName[$0].map { sections[$0] } } } ?? sections
        let box = ReadOnlyBox(bytes)
        // One task per section: the two big point columns (streets, buildings) go to both cores.
        let bad: [String?] = ParallelChunks.map(count: list.count) { i in
            let s = list[i]
            let crc = XXH64.sectionChecksum(UnsafeRawBufferPointer(rebasing: box.value[s.offset..<(s.offset + s.length)]))
            return crc == s.crc ? nil : s.name
        }
        if let name = bad.compactMap({ $0 }).first {
            let part = PreparedDerived.prefixes.first { name.hasPrefix($0) }.map { " (its stored \(PreparedDerived.label($0)))" } ?? ""
            throw PreparedCityFault("corrupt: section '\(name)'\(part) fails its checksum")
        }
    }

    /// The named section, checked for its element type and, when given, its element count.
    func section(_ name: String, _ type: ElementType, count: Int? = nil) throws(PreparedCityFault) -> Section {
        guard let i = byName[name] else { throw PreparedCityFault("corrupt: section '\(name)' is missing") }
        let s = sections[i]
        guard s.type == type else { throw PreparedCityFault("corrupt: section '\(name)' has the wrong element type") }
        if let count, s.count != count {
            throw PreparedCityFault("corrupt: section '\(name)' has \(s.count) elements where \(count) are expected")
        }
        return s
    }
}
