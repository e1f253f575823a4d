#!/usr/bin/python3
# Writes the Mapnik style for bench-map.sh: the exported sectors filled with
# their class colours (one rule per colour) and the municipality, care zone,
# province and region boundaries, in Web Mercator on white.
# Usage: make-mapnik-style.py DIR   (DIR holds sectors.geojson and boundaries.geojson)
import json
import os
import sys

folder = sys.argv[1]
with open(os.path.join(folder, 'sectors.geojson')) as f:
    fills = sorted({feat['properties']['fill'] for feat in json.load(f)['features']})

rules = '\n'.join(
    f'    <Rule><Filter>[fill] = \'{c}\'</Filter>'
    f'<PolygonSymbolizer fill="{c}" gamma="0.5"/>'
    f'<LineSymbolizer stroke="{c}" stroke-width="0.6"/></Rule>'
    for c in fills)
widths = {0: 2.2, 1: 1.6, 2: 0.9, 3: 0.5}
lines = '\n'.join(
    f'    <Rule><Filter>[level] = {level}</Filter>'
    f'<LineSymbolizer stroke="#29293a" stroke-opacity="0.8" stroke-width="{w}" stroke-linejoin="round"/></Rule>'
    for level, w in widths.items())

srs = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs'
xml = f'''<?xml version="1.0" encoding="utf-8"?>
<Map srs="{srs}" background-color="#edeff2">
  <Style name="sectors">
{rules}
  </Style>
  <Style name="boundaries">
{lines}
  </Style>
  <Layer name="sectors" srs="+proj=longlat +datum=WGS84 +no_defs">
    <StyleName>sectors</StyleName>
    <Datasource><Parameter name="type">geojson</Parameter><Parameter name="file">{folder}/sectors.geojson</Parameter></Datasource>
  </Layer>
  <Layer name="boundaries" srs="+proj=longlat +datum=WGS84 +no_defs">
    <StyleName>boundaries</StyleName>
    <Datasource><Parameter name="type">geojson</Parameter><Parameter name="file">{folder}/boundaries.geojson</Parameter></Datasource>
  </Layer>
</Map>
'''
with open(os.path.join(folder, 'style.xml'), 'w') as f:
    f.write(xml)
