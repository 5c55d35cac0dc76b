#!/bin/sh
# Remove from the image's virtual environment what the runtime never reads, and the symbols of
# its shared objects; the builder stage runs it after installing Stenogram's wheel, before the
# final stage copies the venv. Usage: trim-venv.sh VENV (needs `strip` and `readelf`: binutils).
# Every shared object stripped is loaded once afterwards, and the Dockerfile then asks a question
# with the trimmed venv, so a removal that breaks the runtime fails the build.
set -eu
venv=$1
site=$(echo "$venv"/lib/python3*/site-packages)
[ -d "$site" ] || { echo "trim-venv.sh: no site-packages under $venv" >&2; exit 1; }

# 1. Distributions nothing imports at run time. The model-hub client that `tokenizers` and
#    `wordllama` declare, with what only it needs (huggingface-hub, hf-xet, fsspec, filelock,
#    httpx2, click, requests …, ~30 MB): retrieval/questions/semantic.py reads wordllama's shipped tokenizer
#    and weights with `tokenizers` and `safetensors`. Then the installers (pip, setuptools, wheel,
#    ~25 MB), pip last since it does the uninstalling.
"$venv/bin/python" -m pip uninstall --yes --quiet huggingface-hub hf-xet fsspec filelock httpx2 \
    httpcore2 httpx2-jsfetch click requests urllib3 charset-normalizer toml truststore \
    setuptools wheel packaging
"$venv/bin/python" -m pip uninstall --yes --quiet pip

# 2. Files no import reads: test suites (numpy's 16 MB, tornado's 3 MB), C headers and static
#    libraries for building extensions against numpy, type stubs, Cython and C sources; numpy's
#    build tools (numpy.distutils, f2py, with their commands); wordllama's compiled algorithms
#    (~15 MB: Stenogram reads only its tokenizer and weight files); symspellpy's bigram
#    dictionary (5 MB; retrieval/questions/spelling.py reads the unigram one).
#    Licence files are kept, also those filed under such folder names in a dist-info.
find "$site" -depth -type d \( -name tests -o -name test -o -name include -o -name pkgconfig \) \
    ! -path '*.dist-info/*' -exec rm -rf {} +
find "$site" ! -path '*.dist-info/*' -type f \( -name '*.pyi' -o -name '*.pxd' -o -name '*.pyx' -o -name '*.c' \
    -o -name '*.h' -o -name '*.cpp' -o -name '*.a' \) -delete
rm -rf "$site"/numpy/distutils "$site"/numpy/f2py "$venv"/bin/f2py "$venv"/bin/numpy-config \
    "$site"/wordllama/algorithms "$site"/symspellpy/frequency_bigramdictionary_en_*.txt

# 3. Symbols: most Rust and Cython extensions ship with their symbol tables (tantivy 5 MB,
#    tokenizers 3 MB, yaml 2 MB, Stemmer 2 MB), which only a debugger reads. Objects that carry
#    an RPATH were rewritten by auditwheel's patchelf (numpy and its bundled OpenBLAS): strip
#    leaves those unloadable ("ELF load command address/offset not page-aligned"), so they are
#    left as shipped.
stripped=""
for so in $(find "$site" -type f -name '*.so*'); do
    case $(readelf -d "$so") in
        *RPATH* | *RUNPATH*) ;;
        *) strip --strip-unneeded "$so" && stripped="$stripped $so" ;;
    esac
done
# shellcheck disable=SC2086  # one argument per file
"$venv/bin/python" -c 'import ctypes, sys; [ctypes.CDLL(f) for f in sys.argv[1:]]' $stripped
