#!/usr/bin/python3
# Renders a Mapnik XML style to PNG: the Mapnik side of bench-map.sh.
# Usage: render-mapnik.py STYLE.xml OUT.png WIDTH HEIGHT
import sys

import mapnik

style, out, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
m = mapnik.Map(width, height)
mapnik.load_map(m, style)
m.zoom_all()
mapnik.render_to_file(m, out, 'png')
