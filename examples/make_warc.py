#!/usr/bin/env python3
"""Regenerate examples/crawl.warc.gz (standard library only).

    python3 examples/make_warc.py            # writes examples/crawl.warc.gz next to this script
    python3 examples/make_warc.py OUT.warc.gz

The file is a WARC/1.0 crawl with one gzip member per record, as real crawlers write them:

    1. warcinfo
    2. request   (for the first page)
    3. response  English page, Content-Type: text/html; charset=utf-8
    4. response  French page,  Content-Type: text/html; charset=utf-8
    5. response  French page,  Content-Type: text/html; charset=windows-1252 (body really cp1252,
                 and the page itself declares no charset, so only the HTTP header tells)
    6. metadata  (refers to record 5)

Output is deterministic (fixed dates, UUIDv5 record ids, gzip mtime 0), so regenerating gives the
same bytes. After writing, the script reads the file back and checks every Content-Length and
digest.

All page texts are original writing for this project.
"""

import base64
import gzip
import hashlib
import io
import os
import sys
import uuid

NS = uuid.UUID("5d1b3c8e-2f0a-4b6e-9c1d-7a3e5f0b2c49")
CRLF = b"\r\n"


def record_id(name):
    return "<urn:uuid:%s>" % uuid.uuid5(NS, name)


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(headers, block):
    """Serialise one record: header lines, blank line, block, two CRLFs."""
    lines = ["WARC/1.0"]
    for k, v in headers:
        lines.append("%s: %s" % (k, v))
    lines.append("Content-Length: %d" % len(block))
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + block + CRLF + CRLF


def http_response(body, content_type, date, extra=()):
    head = [
        "HTTP/1.1 200 OK",
        "Date: %s" % date,
        "Server: nginx",
        "Content-Type: %s" % content_type,
        "Content-Length: %d" % len(body),
        "Cache-Control: max-age=300",
        "Connection: close",
    ]
    head.extend(extra)
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------

PAGE_EN_URL = "https://www.gazette-maghreb.example/en/libya/2024/05/20/tripoli-clashes-armed-groups"
PAGE_EN = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>At least 8 killed in overnight clashes between armed groups in Tripoli - Maghreb Gazette</title>
<meta property="og:title" content="At least 8 killed in overnight clashes between armed groups in Tripoli">
<meta property="og:site_name" content="Maghreb Gazette">
<meta property="article:published_time" content="2024-05-20T10:05:00+02:00">
<meta name="author" content="Yusuf Belkacem">
<link rel="canonical" href="https://www.gazette-maghreb.example/en/libya/2024/05/20/tripoli-clashes-armed-groups">
<style>body{font-family:Arial,sans-serif}.site-nav a{margin-right:12px}.article-body p{line-height:1.6}</style>
<script>window.ga=window.ga||function(){(ga.q=ga.q||[]).push(arguments)};ga('send','pageview');</script>
</head>
<body>
<div class="cookie-consent">This site uses cookies. <button>Accept</button></div>
<nav class="site-nav"><a href="/en/">Home</a><a href="/en/libya/">Libya</a><a href="/en/tunisia/">Tunisia</a><a href="/en/algeria/">Algeria</a><a href="/en/business/">Business</a></nav>
<article>
<h1>At least 8 killed in overnight clashes between armed groups in Tripoli</h1>
<p class="meta">By Yusuf Belkacem | <time datetime="2024-05-20T10:05:00+02:00">20 May 2024</time></p>
<div class="article-body">
<p>TRIPOLI — At least eight people were killed and 27 wounded in heavy fighting between two rival armed groups in the southern suburbs of the Libyan capital on Sunday night, the health ministry said on Monday.</p>
<p>“Among the dead are three civilians, including a child, who were hit by stray rounds in their homes,” said health ministry spokesman Khaled Mansour. Ambulance crews were unable to reach several neighbourhoods until the shooting died down early on Monday.</p>
<p>The United Nations Support Mission in Libya called on all parties to halt hostilities immediately and to protect civilians. Dozens of families fled the Salah al-Din district overnight, and flights at Mitiga airport were suspended for several hours.</p>
<p>Libya has been split between rival administrations in the east and west since 2014. A ceasefire signed in October 2020 still largely holds between the two camps, but clashes between armed groups inside Tripoli flare up regularly.</p>
</div>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/en/libya/2024/05/12/oil-output">Libya's oil output reaches 1.2 million barrels a day</a></li></ul></aside>
<footer class="site-footer"><a href="/en/about">About</a> | <a href="/en/privacy">Privacy</a> | &copy; 2024 Maghreb Gazette</footer>
</body>
</html>
"""

PAGE_FR_URL = "https://www.oubangui-info.example/securite/centrafrique-affrontements-bambari-20240520.html"
PAGE_FR = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Centrafrique : une quinzaine de morts dans des affrontements près de Bambari | Oubangui Info</title>
<meta property="og:title" content="Centrafrique : une quinzaine de morts dans des affrontements près de Bambari">
<meta property="og:site_name" content="Oubangui Info">
<meta property="article:published_time" content="2024-05-20T16:30:00+01:00">
<link rel="canonical" href="https://www.oubangui-info.example/securite/centrafrique-affrontements-bambari-20240520.html">
<style>body{font-family:Verdana,sans-serif}.menu a{margin:0 6px}</style>
</head>
<body>
<header class="site-header"><div class="menu"><a href="/">Accueil</a><a href="/politique/">Politique</a><a href="/securite/">Sécurité</a><a href="/economie/">Économie</a><a href="/sport/">Sport</a></div></header>
<main>
<h1>Centrafrique : une quinzaine de morts dans des affrontements près de Bambari</h1>
<p class="date">Publié le 20 mai 2024</p>
<div class="article-body">
<p>Bangui – Une quinzaine de personnes, dont au moins six civils, ont été tuées samedi dans des affrontements entre l'armée centrafricaine et des rebelles de l'Unité pour la paix en Centrafrique (UPC) près de Bambari, dans le centre du pays, a-t-on appris lundi de sources locales et militaires.</p>
<p>« Les rebelles ont attaqué nos positions à l'aube, nous les avons repoussés après plusieurs heures de combat », a déclaré lundi à la radio nationale le porte-parole de l'état-major, le colonel Armel Yakété. Selon un élu local, des milliers d'habitants ont fui vers Bambari, où quelque 2 500 déplacés étaient déjà hébergés dans des églises et des écoles.</p>
<p>Aucune victime n'a été signalée parmi les Casques bleus de la Minusca, déployés à une dizaine de kilomètres de la zone des combats. La Centrafrique est en proie à la guerre civile depuis 2013, et l'accord de paix signé en février 2019 à Bangui entre le gouvernement et quatorze groupes armés n'a jamais été pleinement appliqué.</p>
</div>
</main>
<div class="share-bar">Partager sur Facebook · WhatsApp · Copier le lien</div>
<footer class="site-footer">© Oubangui Info 2024 · <a href="/mentions-legales">Mentions légales</a></footer>
</body>
</html>
"""

PAGE_CP_URL = "http://www.conakry-express.example/article.php?id=20718"
PAGE_CP = """<!DOCTYPE html>
<html lang="fr">
<head>
<title>Conakry : trois morts et une trentaine de blessés lors de manifestations contre la junte</title>
<meta name="description" content="Trois manifestants ont été tués lundi à Conakry. Plus de 80 personnes ont été interpellées.">
<meta property="article:published_time" content="2024-05-21T09:00:00+00:00">
</head>
<body>
<div id="menu" class="nav">Accueil | Politique | Société | Économie | Sports | Contact</div>
<div id="contenu">
<h1>Conakry : trois morts et une trentaine de blessés lors de manifestations contre la junte</h1>
<p class="date">Mardi 21 mai 2024</p>
<div class="article-body">
<p>Trois personnes ont été tuées et une trentaine d’autres blessées hier à Conakry lors de manifestations contre le maintien au pouvoir des militaires, selon un collectif de la société civile. Le gouvernement a reconnu deux décès et affirmé que plus de 80 personnes avaient été interpellées.</p>
<p>« Les forces de l’ordre ont fait preuve de retenue face à des manœuvres de déstabilisation », a déclaré à la télévision nationale le porte-parole du gouvernement, Mamadou Camara. Le collectif, qui dénonce des tirs « à balles réelles », a appelé à une nouvelle journée de mobilisation jeudi.</p>
<p>Dans les quartiers de l’axe Hamdallaye-Bambeto, des centaines de jeunes ont érigé des barricades dès l’aube. Aucun policier n’a été blessé, selon la gendarmerie. La junte, au pouvoir depuis le coup d’État de septembre 2021, avait promis de rendre le pouvoir aux civils avant la fin de 2024.</p>
</div>
</div>
<div class="site-footer">© Conakry Express – Tous droits réservés – <a href="/contact.php">Contact</a></div>
</body>
</html>
"""


def build():
    out = io.BytesIO()
    n = 0

    def emit(headers, block):
        nonlocal n
        out.write(gzip.compress(warc_record(headers, block), compresslevel=9, mtime=0))
        n += 1

    # 1. warcinfo
    info = (
        "software: sitrep examples/make_warc.py (Python standard library)\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "isPartOf: sitrep-example-crawl\r\n"
        "description: Small example crawl of three fictional news pages for sitrep tests\r\n"
        "robots: obey\r\n"
        "http-header-user-agent: Mozilla/5.0 (compatible; sitrep-example-crawler/0.1)\r\n"
    ).encode("utf-8")
    emit([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2024-05-21T06:14:00Z"),
        ("WARC-Filename", "crawl.warc.gz"),
        ("WARC-Record-ID", record_id("warcinfo")),
        ("Content-Type", "application/warc-fields"),
    ], info)
    warcinfo_id = record_id("warcinfo")

    pages = [
        ("en", PAGE_EN_URL, PAGE_EN.encode("utf-8"), "text/html; charset=utf-8",
         "2024-05-21T06:14:03Z", "Tue, 21 May 2024 06:14:03 GMT", "192.0.2.10"),
        ("fr", PAGE_FR_URL, PAGE_FR.encode("utf-8"), "text/html; charset=utf-8",
         "2024-05-21T06:14:09Z", "Tue, 21 May 2024 06:14:09 GMT", "192.0.2.24"),
        ("cp1252", PAGE_CP_URL, PAGE_CP.encode("cp1252"), "text/html; charset=windows-1252",
         "2024-05-21T06:14:15Z", "Tue, 21 May 2024 06:14:15 GMT", "198.51.100.7"),
    ]

    for i, (key, url, body, ctype, wdate, hdate, ip) in enumerate(pages):
        resp_id = record_id("response-" + key)
        if i == 0:
            # 2. the request that fetched the first page
            host = url.split("/")[2]
            path = "/" + url.split("/", 3)[3]
            req = (
                "GET %s HTTP/1.1\r\n"
                "Host: %s\r\n"
                "User-Agent: Mozilla/5.0 (compatible; sitrep-example-crawler/0.1)\r\n"
                "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\n"
                "Accept-Language: en,fr;q=0.8\r\n"
                "Accept-Encoding: identity\r\n"
                "Connection: close\r\n\r\n" % (path, host)
            ).encode("ascii")
            emit([
                ("WARC-Type", "request"),
                ("WARC-Target-URI", url),
                ("WARC-Date", wdate),
                ("WARC-Record-ID", record_id("request-" + key)),
                ("WARC-Concurrent-To", resp_id),
                ("WARC-Warcinfo-ID", warcinfo_id),
                ("WARC-IP-Address", ip),
                ("WARC-Block-Digest", sha1_b32(req)),
                ("Content-Type", "application/http; msgtype=request"),
            ], req)
        block = http_response(body, ctype, hdate,
                              extra=["Last-Modified: %s" % hdate] if key == "fr" else ())
        emit([
            ("WARC-Type", "response"),
            ("WARC-Target-URI", url),
            ("WARC-Date", wdate),
            ("WARC-Record-ID", resp_id),
            ("WARC-Warcinfo-ID", warcinfo_id),
            ("WARC-IP-Address", ip),
            ("WARC-Block-Digest", sha1_b32(block)),
            ("WARC-Payload-Digest", sha1_b32(body)),
            ("WARC-Identified-Payload-Type", "text/html"),
            ("Content-Type", "application/http; msgtype=response"),
        ], block)

    # 6. metadata about the last response
    meta = (
        "via: http://www.conakry-express.example/\r\n"
        "hopsFromSeed: L\r\n"
        "sourceTag: sitrep-examples\r\n"
        "fetchTimeMs: 312\r\n"
        "charsetForLinkExtraction: windows-1252\r\n"
        "outlink: http://www.conakry-express.example/contact.php L a/@href\r\n"
    ).encode("utf-8")
    emit([
        ("WARC-Type", "metadata"),
        ("WARC-Target-URI", PAGE_CP_URL),
        ("WARC-Date", "2024-05-21T06:14:15Z"),
        ("WARC-Record-ID", record_id("metadata-cp1252")),
        ("WARC-Refers-To", record_id("response-cp1252")),
        ("WARC-Warcinfo-ID", warcinfo_id),
        ("WARC-Block-Digest", sha1_b32(meta)),
        ("Content-Type", "application/warc-fields"),
    ], meta)
    return out.getvalue(), n


def split_members(data):
    """Yield the decompressed bytes of each gzip member separately."""
    pos = 0
    while pos < len(data):
        d = __import__("zlib").decompressobj(31)
        chunk = d.decompress(data[pos:])
        assert d.eof, "truncated gzip member"
        consumed = len(data) - pos - len(d.unused_data)
        yield chunk
        pos += consumed


def verify(data, expected):
    count = 0
    for member in split_members(data):
        count += 1
        head, sep, rest = member.partition(b"\r\n\r\n")
        assert sep, "no end of WARC headers"
        lines = head.decode("utf-8").split("\r\n")
        assert lines[0] == "WARC/1.0", lines[0]
        h = dict(l.split(": ", 1) for l in lines[1:])
        length = int(h["Content-Length"])
        block = rest[:length]
        assert len(block) == length and rest[length:] == b"\r\n\r\n", "Content-Length mismatch"
        if "WARC-Block-Digest" in h:
            assert h["WARC-Block-Digest"] == sha1_b32(block), "block digest"
        if h["WARC-Type"] == "response":
            hhead, _, body = block.partition(b"\r\n\r\n")
            hh = dict(l.split(": ", 1) for l in hhead.decode("ascii").split("\r\n")[1:])
            assert int(hh["Content-Length"]) == len(body), "HTTP Content-Length"
            assert h["WARC-Payload-Digest"] == sha1_b32(body), "payload digest"
            charset = hh["Content-Type"].split("charset=")[1]
            body.decode({"utf-8": "utf-8", "windows-1252": "cp1252"}[charset])
            if charset == "windows-1252":
                try:
                    body.decode("utf-8")
                    raise AssertionError("windows-1252 body is valid UTF-8")
                except UnicodeDecodeError:
                    pass
        print("  %-9s %6d bytes  %s" % (h["WARC-Type"], length, h.get("WARC-Target-URI", "")))
    assert count == expected, (count, expected)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "crawl.warc.gz")
    data, n = build()
    with open(path, "wb") as f:
        f.write(data)
    print("wrote %s: %d records, %d bytes" % (path, n, len(data)))
    verify(open(path, "rb").read(), n)
    print("verified: Content-Length and digests match")


if __name__ == "__main__":
    main()
