#!/usr/bin/env node
// Validates rendered Kubernetes manifests (multi-document YAML, from files or stdin) offline:
//  1. against the API schemas with kubernetes-models (types, required fields, enums, formats);
//  2. for unknown fields, as `kubectl apply --validate=strict` would: the schemas of
//     kubernetes-models accept any extra property, so a misspelt field (imagePullPolicyy) would
//     pass them silently; the type map of the official JavaScript client lists every field of
//     every built-in type.
// Prints one line per problem and exits 1 if there is any, else prints how many objects passed.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
// The models only: the package index needs Node 22 (undici), the models need nothing.
import * as client from "@kubernetes/client-node/dist/gen/models/all.js";

const gatewayApiGroup = "gateway.networking.k8s.io";

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group === gatewayApiGroup
    ? `@kubernetes-models/gateway-api/${group}/${version}/${kind}`
    : group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

// The client names built-in types after their version and kind: apps/v1 Deployment -> V1Deployment.
function clientTypeName(apiVersion, kind) {
  const version = apiVersion.split("/").pop();
  return version.charAt(0).toUpperCase() + version.slice(1) + kind;
}

function attributesOf(typeName) {
  const type = client[typeName];
  return type && typeof type.getAttributeTypeMap === "function" ? type.getAttributeTypeMap() : undefined;
}

function unknownFields(value, typeName, path, problems) {
  if (value === null || typeof value !== "object") return;
  const array = /^Array<(.+)>$/.exec(typeName);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, array[1], `${path}[${i}]`, problems));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(typeName);
  if (map) {
    for (const [key, item] of Object.entries(value)) unknownFields(item, map[1], `${path}.${key}`, problems);
    return;
  }
  const attributes = attributesOf(typeName);
  if (!attributes) return; // a primitive, IntOrString, or free-form (any)
  const known = new Map(attributes.map(a => [a.baseName, a.type]));
  for (const [key, item] of Object.entries(value)) {
    if (!known.has(key)) problems.push(`${path}.${key}: unknown field (not in ${typeName})`);
    else unknownFields(item, known.get(key), `${path}.${key}`, problems);
  }
}

// Kustomize wraps long base64 values over lines; the API server's decoder skips line breaks, the
// schemas' "byte" format does not.
function unwrapBase64(object) {
  for (const field of ["data", "binaryData"]) {
    if (object[field] && typeof object[field] === "object") {
      for (const [key, value] of Object.entries(object[field])) {
        if (typeof value === "string") object[field][key] = value.replace(/[\r\n]/g, "");
      }
    }
  }
}

async function validate(object) {
  const problems = [];
  const { apiVersion, kind } = object ?? {};
  if (!apiVersion || !kind) return ["apiVersion and kind are required"];
  const Model = await modelFor(apiVersion, kind);
  if (!Model) return [`no schema for ${apiVersion} ${kind}`];
  if (kind === "Secret") unwrapBase64(object);
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(error.message);
  }
  const typeName = clientTypeName(apiVersion, kind);
  if (attributesOf(typeName)) unknownFields(object, typeName, "", problems);
  else if (!apiVersion.startsWith(gatewayApiGroup)) problems.push(`no field list for ${apiVersion} ${kind}`);
  return problems;
}

const inputs = process.argv.length > 2
  ? process.argv.slice(2).map(file => [file, readFileSync(file, "utf8")])
  : [["stdin", readFileSync(0, "utf8")]];

let objects = 0;
let failed = 0;
for (const [source, text] of inputs) {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      console.log(`${source}: YAML: ${document.errors[0].message}`);
      failed++;
      continue;
    }
    const object = document.toJS();
    if (object === null) continue;
    objects++;
    const name = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
    for (const problem of await validate(object)) {
      console.log(`${source}: ${name}: ${problem}`);
      failed++;
    }
  }
}

if (failed > 0) process.exit(1);
console.log(`${objects} objects valid`);
