#!/usr/bin/python3
"""Checks covplan's GIS outputs the way QGIS opens them (`make check-gis`), with Debian's
python3-qgis (QGIS 3.22+), headless (QT_QPA_PLATFORM=offscreen):

For every spatial layer of a GeoPackage (or a PostGIS schema):
1. a default style is stored in `layer_styles` with a QML and an SLD, and QGIS loads it by
   itself (`loadDefaultStyle`, the same call QGIS makes when a layer is added);
2. every feature would be drawn: `renderer.symbolsForFeature` gives a symbol and
   `willRenderFeature` is true for each feature (features without geometry are counted apart);
3. categories cover every value: no non-empty value falls only into the "other values"
   catch-all of a categorized renderer, no value lies outside a graduated renderer's ranges;
4. the SLD, imported into a fresh copy of the layer by QGIS's own SLD reader, also draws every
   feature, and gives each feature the same colour as the QML;
5. labels, where the style has them, name a field of the layer.
Also: `ogrinfo -so` opens the GeoPackage with nothing on stderr (no GDAL warning), and, given a
run folder, every numeric GeoPackage field is numeric in the GeoJSON copy in `layers/`.

Usage: check_gis.py GPKG [RUN_DIR]
       check_gis.py PG:"dbname=... host=... port=..." --schema SCHEMA
Prints one line per layer; exits 1 on any failure.
"""
import os
import subprocess
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:
    from qgis.core import (QgsApplication, QgsDataSourceUri, QgsExpressionContext,
                           QgsExpressionContextUtils, QgsFeatureRequest, QgsRenderContext,
                           QgsVectorLayer, QgsWkbTypes)
    from qgis.PyQt.QtXml import QDomDocument
except ImportError:
    print("check-gis: FAIL: python3-qgis is not installed (apt-get install python3-qgis)")
    sys.exit(1)

failures = []


def fail(msg):
    failures.append(msg)
    print(f"  FAIL: {msg}")


def layer_uri(source, name, schema):
    if source.startswith("PG:"):
        uri = QgsDataSourceUri(source[3:])
        uri.setDataSource(schema, name, "geom")
        return uri.uri(False), "postgres"
    return f"{source}|layername={name}", "ogr"


def open_layer(source, name, schema, load_style=True):
    uri, provider = layer_uri(source, name, schema)
    options = QgsVectorLayer.LayerOptions()
    options.loadDefaultStyle = load_style
    layer = QgsVectorLayer(uri, name, provider, options)
    return layer


def layer_names(source, schema):
    """Spatial layer names (GeoPackage: gpkg_contents features; PostGIS: geometry_columns)."""
    if source.startswith("PG:"):
        out = subprocess.run(["ogrinfo", "-ro", "-q", f"{source} schemas={schema}"], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"check-gis: FAIL: ogrinfo cannot list schema {schema}: {out.stderr.strip()[:200]}")
            sys.exit(1)
        return [line.split(":", 1)[1].split("(")[0].strip().split(".")[-1] for line in out.stdout.splitlines()
                if ":" in line and "(None)" not in line]
    table = QgsVectorLayer(f"{source}|layername=gpkg_contents", "gpkg_contents", "ogr")
    if table.isValid():
        return [f["table_name"] for f in table.getFeatures() if f["data_type"] == "features"]
    out = subprocess.run(["ogrinfo", "-ro", "-q", source], capture_output=True, text=True)
    return [line.split(":", 1)[1].split("(")[0].strip() for line in out.stdout.splitlines()
            if ":" in line and "(None)" not in line]


def stored_styles(source, schema):
    """{table name: (qml, sld)} from layer_styles (default styles only)."""
    if source.startswith("PG:"):
        uri = QgsDataSourceUri(source[3:])
        uri.setDataSource("public", "layer_styles", None, f"f_table_schema = '{schema}'")
        table = QgsVectorLayer(uri.uri(False), "layer_styles", "postgres")
    else:
        table = QgsVectorLayer(f"{source}|layername=layer_styles", "layer_styles", "ogr")
    if not table.isValid():
        return {}
    names = {f.name().lower(): f.name() for f in table.fields()}
    out = {}
    for f in table.getFeatures():
        if f[names["useasdefault"]] in (False, 0, "0", "false"):
            continue
        out[f[names["f_table_name"]]] = (f[names["styleqml"]], f[names["stylesld"]])
    return out


def render_check(layer, what):
    """Feature ids not drawn, per-legend-class counts, colour per feature id."""
    renderer = layer.renderer()
    if renderer is None:
        fail(f"{layer.name()}: {what}: no renderer")
        return None
    renderer = renderer.clone()
    ctx = QgsRenderContext()
    ectx = QgsExpressionContext()
    ectx.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    ctx.setExpressionContext(ectx)
    renderer.startRender(ctx, layer.fields())
    labels = {item.ruleKey(): item.label() for item in renderer.legendSymbolItems()}
    missing, nogeom, counts, colors, total = [], 0, {}, {}, 0
    for f in layer.getFeatures(QgsFeatureRequest()):
        total += 1
        if not f.hasGeometry():
            nogeom += 1
            continue
        ctx.expressionContext().setFeature(f)
        # Rule-based renderers answer through symbolsForFeature (their symbolForFeature is
        # always None), so ask for the list and take the first symbol.
        syms = renderer.symbolsForFeature(f, ctx)
        sym = syms[0] if syms else None
        if sym is None or not renderer.willRenderFeature(f, ctx):
            missing.append(f.id())
            continue
        colors[f.id()] = sym.color().name(0)
        for key in renderer.legendKeysForFeature(f, ctx):
            if not labels.get(key):
                continue  # the root rule of a rule-based renderer
            counts[labels.get(key, key)] = counts.get(labels.get(key, key), 0) + 1
    renderer.stopRender(ctx)
    return {"renderer": renderer, "missing": missing, "nogeom": nogeom, "counts": counts,
            "colors": colors, "total": total}


def coverage_check(layer, renderer):
    """Values that only the catch-all takes (categorized) or no range takes (graduated)."""
    kind = renderer.type()
    bad = set()
    if kind == "categorizedSymbol":
        idx = layer.fields().lookupField(renderer.classAttribute())
        named = {str(c.value()) for c in renderer.categories() if str(c.value()) != ""}
        for f in layer.getFeatures():
            v = f.attributes()[idx] if idx >= 0 else None
            if v is None or (hasattr(v, "isNull") and v.isNull()):
                continue
            if renderer.categoryIndexForValue(v) < 0 or str(renderer.categories()[renderer.categoryIndexForValue(v)].value()) == "":
                if str(v) not in named:
                    bad.add(str(v))
    elif kind == "graduatedSymbol":
        idx = layer.fields().lookupField(renderer.classAttribute())
        for f in layer.getFeatures():
            v = f.attributes()[idx] if idx >= 0 else None
            if v is None or (hasattr(v, "isNull") and v.isNull()):
                bad.add("NULL")
            elif renderer.rangeForValue(float(v)) is None:
                bad.add(str(v))
    return sorted(bad)


def check_layer(source, schema, name, styles):
    layer = open_layer(source, name, schema, load_style=False)
    if not layer.isValid():
        fail(f"{name}: QGIS cannot open the layer")
        return
    if name not in styles:
        fail(f"{name}: no default style in layer_styles")
        return
    qml, sld = styles[name]
    if not sld or "StyledLayerDescriptor" not in str(sld):
        fail(f"{name}: styleSLD is empty")
    msg, ok = layer.loadDefaultStyle()
    if not ok:
        fail(f"{name}: QGIS did not load the stored default style ({msg})")
        return
    doc = QDomDocument()
    doc.setContent(str(qml))
    want = doc.documentElement().firstChildElement("renderer-v2").attribute("type")
    got = layer.renderer().type() if layer.renderer() else None
    if want and got != want:
        fail(f"{name}: QGIS applied a '{got}' renderer, the stored QML has '{want}'")
    r = render_check(layer, "QML")
    if r is None:
        return
    if r["missing"]:
        fail(f"{name}: {len(r['missing'])} of {r['total']} features would not be drawn (QML), e.g. fid {r['missing'][:5]}")
    uncovered = coverage_check(layer, r["renderer"])
    if uncovered:
        fail(f"{name}: values with no class of their own: {', '.join(uncovered[:10])}")
    label = "-"
    if "<labeling" in str(qml):
        if not layer.labelsEnabled() or layer.labeling() is None:
            fail(f"{name}: the QML has labels but QGIS did not enable them")
        else:
            field = layer.labeling().settings().fieldName
            label = field
            if layer.fields().lookupField(field) < 0:
                fail(f"{name}: labels name '{field}', which the layer does not have")
    # The SLD, through QGIS's SLD reader, on a fresh copy of the layer.
    sld_layer = open_layer(source, name, schema, load_style=False)
    with tempfile.NamedTemporaryFile("w", suffix=".sld", delete=False, encoding="utf-8") as tmp:
        tmp.write(str(sld))
    try:
        msg, ok = sld_layer.loadSldStyle(tmp.name)
    finally:
        os.unlink(tmp.name)
    sld_note = "SLD -"
    if not ok:
        fail(f"{name}: QGIS cannot read the SLD ({msg})")
    else:
        s = render_check(sld_layer, "SLD")
        if s is not None:
            if s["missing"]:
                fail(f"{name}: {len(s['missing'])} of {s['total']} features would not be drawn by the SLD")
            differ = [fid for fid, c in r["colors"].items() if s["colors"].get(fid) != c]
            if differ:
                fail(f"{name}: {len(differ)} features get another colour from the SLD than from the QML (fid {differ[:5]})")
            sld_note = f"SLD {len(s['colors'])} drawn, same colours"
    drawn = r["total"] - len(r["missing"]) - r["nogeom"]
    classes = ", ".join(f"{k}: {v}" for k, v in r["counts"].items()) if len(r["counts"]) > 1 else ""
    print(f"  {name}: {drawn} of {r['total']} features drawn"
          + (f" ({r['nogeom']} without geometry)" if r["nogeom"] else "")
          + f"; {r['renderer'].type()}; labels {label}; {sld_note}" + (f"; {classes}" if classes else ""))


def ogrinfo_clean(gpkg):
    # -al without -so reads every feature (layer_styles too: a malformed DATETIME warns only then)
    out = subprocess.run(["ogrinfo", "-al", "-q", gpkg], capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"ogrinfo cannot open {gpkg}: {out.stderr.strip()[:200]}")
    elif out.stderr.strip():
        fail(f"ogrinfo prints on stderr for {gpkg}: {out.stderr.strip().splitlines()[0][:200]}")
    else:
        print(f"  ogrinfo -al {os.path.basename(gpkg)} (every feature read): no warning")


NUMERIC = {"Integer", "Integer64", "Real"}


def field_types(path, layer=None):
    args = ["ogrinfo", "-so", "-ro", path] + ([layer] if layer else ["-al"])
    out = subprocess.run(args, capture_output=True, text=True).stdout
    types = {}
    for line in out.splitlines():
        if ": " in line and "(" in line and not line.startswith(("Layer", "Geometry", "Feature", "Extent", "INFO")):
            k, rest = line.split(": ", 1)
            t = rest.split(" ")[0].split("(")[0]
            types[k.strip()] = t
    return types


def numeric_typing(gpkg, run_dir, names):
    checked, omitted = 0, []
    for name in names:
        geojson = os.path.join(run_dir, "layers", name + ".geojson")
        if not os.path.exists(geojson):
            continue
        g, j = field_types(gpkg, name), field_types(geojson)
        for field, t in g.items():
            if t in NUMERIC:
                checked += 1
                if field not in j:
                    omitted.append(f"{name}.{field}")  # no value on any feature: left out of GeoJSON
                elif j[field] not in NUMERIC:
                    fail(f"{name}.{field}: numeric in layers.gpkg ({t}) but {j.get(field)} in layers/{name}.geojson")
    print(f"  numeric fields: {checked} checked, numeric in both GeoPackage and GeoJSON"
          + (f" ({len(omitted)} without any value left out of the GeoJSON: {', '.join(omitted)})" if omitted else ""))


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(64)
    source = args[0]
    schema = args[args.index("--schema") + 1] if "--schema" in args else None
    run_dir = args[1] if len(args) > 1 and not args[1].startswith("--") else None
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    print(f"check-gis: {source}" + (f" schema {schema}" if schema else ""))
    names = layer_names(source, schema)
    if not names:
        fail("no spatial layer found")
    styles = stored_styles(source, schema)
    for name in names:
        check_layer(source, schema, name, styles)
    if not source.startswith("PG:"):
        ogrinfo_clean(source)
        if run_dir:
            numeric_typing(source, run_dir, names)
    app.exitQgis()
    if failures:
        print(f"check-gis: FAIL ({len(failures)} problems)")
        sys.exit(1)
    print(f"check-gis: ok, {len(names)} layers, every feature drawn")


if __name__ == "__main__":
    main()
