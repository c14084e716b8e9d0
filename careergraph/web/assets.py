"""Browser assets: pinned CDN URLs with integrity hashes, or a local folder.

Every asset is an npm package file. By default pages load it from unpkg with
a Subresource Integrity hash; with ``assets_dir`` set they load it from
``/assets/<package>@<version>/<path>`` served out of that folder, laid out as
``<assets_dir>/<package>/<path>`` — which is exactly what
``npm install --prefix X <package>@<version>`` puts under ``X/node_modules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ASSETS", "Asset", "asset_url", "npm_install_command"]

CDN = "https://unpkg.com"


@dataclass(frozen=True)
class Asset:
    package: str
    version: str
    path: str
    integrity: str

    @property
    def cdn_url(self) -> str:
        return f"{CDN}/{self.package}@{self.version}/{self.path}"

    @property
    def local_url(self) -> str:
        return f"/assets/{self.package}/{self.path}"


#: Pinned assets by role. Hashes are sha384 of the published files.
ASSETS: dict[str, Asset] = {
    "react": Asset("react", "18.2.0", "umd/react.production.min.js",
                   "sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8"),
    "react-dom": Asset("react-dom", "18.2.0", "umd/react-dom.production.min.js",
                       "sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh"),
    "graphiql-css": Asset("graphiql", "3.8.3", "graphiql.min.css",
                          "sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM"),
    "graphiql": Asset("graphiql", "3.8.3", "graphiql.min.js",
                      "sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie"),
    "cytoscape": Asset("cytoscape", "3.34.4", "dist/cytoscape.min.js",
                       "sha384-lyd1lDWZ623YSUJ/wMQH50y+T81dWKJk7ZoFdYWXQS83b0+QpW0pgdfXEnQnXL/X"),
}


def asset_url(name: str, assets_dir: Path | None) -> tuple[str, str]:
    """(URL, integrity) of an asset; integrity is empty for local files."""
    asset = ASSETS[name]
    if assets_dir is not None:
        return asset.local_url, ""
    return asset.cdn_url, asset.integrity


def npm_install_command(folder: str = "assets") -> str:
    """The command that fills an assets folder with every pinned package."""
    packages = sorted({f"{a.package}@{a.version}" for a in ASSETS.values()})
    return f"npm install --prefix {folder} --no-save " + " ".join(packages)
