#!/bin/sh
# Publishes one service the way its image carries it: framework-dependent, Release, with the
# native launcher renamed to `service`, so one Dockerfile has one ENTRYPOINT for every image.
# Usage: deploy/docker/publish.sh <project.csproj> <output folder>
set -eu
project="$1"
output="$2"
dotnet publish "$project" -c Release -o "$output" -nologo -p:UseAppHost=true -p:DebugType=none
mv "$output/$(basename "$project" .csproj)" "$output/service"
# Development settings never ship.
rm -f "$output"/appsettings.Development.json "$output"/web.config
