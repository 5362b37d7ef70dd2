/// The `layer_styles` table as QGIS reads it (QGIS "Save as default" to the database): one
/// default style per layer with the QML and the SLD, in a GeoPackage or in PostgreSQL.
///
/// `update_time` is a fixed, valid timestamp (`2000-01-01T00:00:00.000Z`, the same instant GDAL
/// stamps into `gpkg_contents.last_change` for covplan) so the same run gives the same bytes.
public enum LayerStylesTable {
    /// The timestamp written into `update_time` (GeoPackage DATETIME format, ISO 8601 with
    /// milliseconds and `Z`).
    public static let updateTime = "2000-01-01T00:00:00.000Z"

    static func sqlString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// SQL creating `layer_styles` in a GeoPackage, registering it in `gpkg_contents` as an
    /// attributes table (as QGIS does) and storing one default style per layer.
    public static func geoPackageSQL(_ styles: [GISLayerStyle]) -> [String] {
        var out = [
            "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) SELECT 'layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles (covplan)', \(sqlString(updateTime)) WHERE NOT EXISTS (SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles')",
        ]
        var seen = Set<String>()
        for s in styles where seen.insert(s.layer).inserted {
            out.append("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', \(sqlString(s.layer)), \(sqlString(s.geometryColumn)), \(sqlString(s.layer)), \(sqlString(QGISStyle.qml(s))), \(sqlString(SLDStyle.sld(s))), 1, \(sqlString("covplan: " + s.title)), 'covplan', '', \(sqlString(updateTime)))")
        }
        return out
    }

    /// SQL creating QGIS's `public.layer_styles` in PostgreSQL when missing (QGIS's own
    /// definition), removing the styles of `schema`'s layers that are being replaced, and storing
    /// one default style per layer (catalog = the current database, as QGIS matches it;
    /// `update_time` = the time of writing).
    public static func postgresSQL(_ styles: [GISLayerStyle], schema: String) -> [String] {
        var out = [
            "CREATE TABLE IF NOT EXISTS public.layer_styles (id SERIAL PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, useasdefault boolean, description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)",
        ]
        var seen = Set<String>()
        for s in styles where seen.insert(s.layer).inserted {
            out.append("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = \(sqlString(schema)) AND f_table_name = \(sqlString(s.layer))")
            out.append("INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, stylesld, useasdefault, description, owner, ui) VALUES (current_database(), \(sqlString(schema)), \(sqlString(s.layer)), \(sqlString(s.geometryColumn)), \(sqlString(s.layer)), XMLPARSE(DOCUMENT \(sqlString(QGISStyle.qml(s)))), XMLPARSE(DOCUMENT \(sqlString(SLDStyle.sld(s)))), true, \(sqlString("covplan: " + s.title)), CURRENT_USER, NULL)")
        }
        return out
    }
}
