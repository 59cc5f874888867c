#!/usr/bin/env bash
# Regenerates Sources/Remote/Generated/remote_write_1_0.pb.swift from proto/remote_write_1_0.proto.
# Run by hand after changing the .proto (the build never runs the plugin): it builds
# protoc-gen-swift from swift-protobuf 1.39.0 (the version Package.swift depends on) in a
# scratch folder outside the repository, then runs Debian's protoc (apt protobuf-compiler).
# The first build of the plugin takes several minutes; the scratch folder is kept for the next run
# (BINWATCH_PROTOC_GEN_SWIFT_DIR chooses it).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version=1.39.0
scratch="${BINWATCH_PROTOC_GEN_SWIFT_DIR:-${TMPDIR:-/tmp}/binwatch-protoc-gen-swift-$version}"
command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1; }
if [[ ! -x "$scratch/.build/debug/protoc-gen-swift" ]]; then
    rm -rf "$scratch"
    git -c advice.detachedHead=false clone -q --branch "$version" https://github.com/apple/swift-protobuf "$scratch"
    # A debug build: quicker than release, and the generated code is the same.
    (cd "$scratch" && swift build --product protoc-gen-swift)
fi
out="$here/Sources/Remote/Generated"
mkdir -p "$out"
protoc --plugin=protoc-gen-swift="$scratch/.build/debug/protoc-gen-swift" \
    --swift_opt=Visibility=Internal --swift_out="$out" -I "$here/proto" "$here/proto/remote_write_1_0.proto"
echo "generated $out/remote_write_1_0.pb.swift"
