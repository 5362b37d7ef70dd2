/// Choosing a metric working CRS: the UTM zone (WGS 84) that holds a location.
public enum UTMZone {
    /// UTM zone number 1...60 for a WGS 84 longitude/latitude in degrees, with the Norway and
    /// Svalbard exceptions of the standard grid.
    public static func zone(longitude lon: Double, latitude lat: Double) -> Int {
        var l = lon
        while l < -180 { l += 360 }
        while l >= 180 { l -= 360 }
        var z = Int(((l + 180) / 6).rounded(.down)) + 1
        if lat >= 56, lat < 64, l >= 3, l < 12 { z = 32 }
        if lat >= 72, lat < 84 {
            if l >= 0, l < 9 { z = 31 } else if l >= 9, l < 21 { z = 33 }
            else if l >= 21, l < 33 { z = 35 } else if l >= 33, l < 42 { z = 37 }
        }
        return min(max(z, 1), 60)
    }

    /// EPSG code of the WGS 84 / UTM zone holding the point: 326zz north of the equator, 327zz
    /// south. Almaty (76.9° E, 43.2° N) gives 32643 (zone 43N); Helsinki gives 32635.
    public static func epsg(longitude lon: Double, latitude lat: Double) -> Int {
        (lat >= 0 ? 32600 : 32700) + zone(longitude: lon, latitude: lat)
    }
}
