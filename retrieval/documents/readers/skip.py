"""Which files in a corpus folder are not documents: notes, data, code, images, archives."""

from __future__ import annotations

import re

# Name stems of files that describe a folder rather than belong to it.
_NOTES = re.compile(
    r"^(?:readme|source|sources|license|licence|copying|notice|authors|"
    r"contributing|changelog|changes)(?:[._-].*)?$",
    re.I,
)
_KINDS = {
    "data": {
        "json",
        "jsonl",
        "ndjson",
        "csv",
        "tsv",
        "yaml",
        "yml",
        "toml",
        "ini",
        "cfg",
        "xls",
        "xlsx",
        "ods",
        "sqlite",
        "db",
        "parquet",
        "pickle",
        "pkl",
        "npy",
    },
    "code": {
        "py",
        "pyc",
        "js",
        "mjs",
        "ts",
        "css",
        "sh",
        "bash",
        "rb",
        "pl",
        "java",
        "c",
        "h",
        "cpp",
        "go",
        "rs",
        "ipynb",
        "bat",
        "ps1",
        "exe",
        "dll",
        "so",
    },
    "an image": {"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "tif", "tiff", "ico", "heic"},
    "an archive": {"zip", "tar", "gz", "tgz", "bz2", "xz", "7z", "rar", "zst"},
    "audio or video": {
        "mp3",
        "mp4",
        "m4a",
        "wav",
        "ogg",
        "oga",
        "flac",
        "aac",
        "mkv",
        "mov",
        "avi",
        "webm",
    },
    "an office file (not read; save it as PDF, HTML or text)": {
        "doc",
        "docx",
        "odt",
        "rtf",
        "ppt",
        "pptx",
        "odp",
        "epub",
    },
}
_BY_SUFFIX = {suffix: kind for kind, suffixes in _KINDS.items() for suffix in suffixes}


def skip_reason(name: str) -> str:
    """Why a file (by its name) is not read as a document; "" when it should be read."""
    base = name.rsplit("/", 1)[-1]
    suffix = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    kind = _BY_SUFFIX.get(suffix)
    if kind:
        return f"not a document ({kind})"
    if _NOTES.match(base):
        return "not a document (a note about the folder)"
    return ""
