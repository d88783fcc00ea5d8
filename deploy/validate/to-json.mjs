#!/usr/bin/env node
// Prints multi-document YAML (stdin) as one JSON array, for tests that assert policies on it.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const objects = parseAllDocuments(readFileSync(0, "utf8")).map(d => d.toJS()).filter(o => o !== null);
process.stdout.write(JSON.stringify(objects));
