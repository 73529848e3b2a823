#!/usr/bin/env node
// Builds Mx.Tests/Schemas/pulumi-schema-index.json: the resource and function tokens of the
// pulumi-gcp v9, pulumi-kubernetes v4 and pulumi-random v4 Node SDKs with their property names.
//
// The npm packages ship no schema.json (their package.json "pulumi" section only names the plugin),
// so names come from the generated SDK itself:
//   - the token is the `static __pulumiType = '...'` literal in each class's .js file;
//   - inputs are the members of the `<Class>Args` interface in the .d.ts (no `?` = required);
//   - outputs are the `readonly x: pulumi.Output<...>` members of the class in the .d.ts;
//   - function tokens and inputs come from `pulumi.runtime.invoke*("token", { "x": ... })` in the .js,
//     outputs from the `<Function>Result` interface in the .d.ts.
// The provider class (token 'gcp' / 'kubernetes') is recorded as `pulumi:providers:<name>`.
//
// Usage: node build-index.mjs [--out <file>] [--gcp <range>] [--kubernetes <range>] [--random <range>]

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const outFile = path.resolve(args.out ?? path.join(here, "../../Mx.Tests/Schemas/pulumi-schema-index.json"));
const packages = [
    { name: "@pulumi/gcp", range: args.gcp ?? "9" },
    { name: "@pulumi/kubernetes", range: args.kubernetes ?? "4" },
    // Generated programs make passwords with random:RandomPassword rather than keeping them in git.
    { name: "@pulumi/random", range: args.random ?? "4" },
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-schema-index-"));
try {
    const index = { packages: {}, resources: {}, functions: {}, types: {} };
    for (const pkg of packages) {
        const root = fetchPackage(pkg, work);
        const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        index.packages[manifest.name] = manifest.version;
        const prefix = pkg.name.slice("@pulumi/".length);
        const inputTypes = path.join(root, "types", "input.d.ts");
        if (fs.existsSync(inputTypes)) for (const [key, type] of readInputTypes(fs.readFileSync(inputTypes, "utf8"), prefix)) index.types[key] = type;
        for (const file of walk(root)) {
            if (!file.endsWith(".js")) continue;
            const js = fs.readFileSync(file, "utf8");
            const dtsFile = file.slice(0, -3) + ".d.ts";
            const dts = fs.existsSync(dtsFile) ? fs.readFileSync(dtsFile, "utf8") : "";
            for (const [token, entry] of readResources(js, dts, file, prefix)) addUnique(index.resources, token, entry, file);
            for (const [token, entry] of readFunctions(js, dts)) addUnique(index.functions, token, entry, file);
        }
    }
    addBuiltins(index.resources);
    pruneUnknownTypeRefs(index);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, serialize(index));
    console.log(`${outFile}: ${Object.keys(index.resources).length} resources, ` +
        `${Object.keys(index.functions).length} functions, ${fs.statSync(outFile).size} bytes`);
} finally {
    fs.rmSync(work, { recursive: true, force: true });
}

function parseArgs(argv) {
    const result = {};
    for (let i = 0; i < argv.length; i += 2) {
        if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
        result[argv[i].slice(2)] = argv[i + 1];
    }
    return result;
}

// `npm pack` rather than `npm install`: only the SDK's own files are needed, and a full install would
// pull @pulumi/pulumi with its native dependencies and run kubernetes' plugin-download install script.
function fetchPackage(pkg, dir) {
    const out = execFileSync("npm", ["pack", `${pkg.name}@${pkg.range}`, "--json", "--pack-destination", dir],
        { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const tarball = path.join(dir, JSON.parse(out)[0].filename);
    const target = path.join(dir, pkg.name.replace(/[@/]/g, "_"));
    fs.mkdirSync(target);
    execFileSync("tar", ["xzf", tarball, "-C", target]);
    return path.join(target, "package");
}

function* walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules") yield* walk(full);
        } else {
            yield full;
        }
    }
}

function* readResources(js, dts, file, prefix) {
    for (const m of js.matchAll(/^ {4}static __pulumiType = '([^']+)';/gm)) {
        const rawToken = m[1];
        const className = [...js.slice(0, m.index).matchAll(/^class (\w+) extends /gm)].pop()?.[1];
        if (!className) throw new Error(`no class declares ${rawToken} in ${file}`);
        // Hand-written overlays (e.g. helm.sh/v3:Chart, a yaml.CollectionComponentResource) are not
        // schema resources and Pulumi YAML cannot use them, so only generated classes count.
        const decl = new RegExp(`^export declare class ${className} extends pulumi\\.(Custom|Component|Provider)Resource \\{$`, "m");
        if (!decl.test(dts)) continue;
        const isProvider = !rawToken.includes(":");
        const outputs = isProvider ? [] : members(block(dts, decl), /^ {4}readonly ("?)([^"?:\s]+)\1\??: pulumi\.Output</);
        const inputs = members(block(dts, new RegExp(`^export interface ${className}Args \\{$`, "m")), /^ {4}("?)([^"?:\s]+)\1(\??): (.*)$/, prefix);
        if (outputs.length === 0 && inputs.length === 0 && !isProvider) throw new Error(`no properties found for ${rawToken} in ${file}`);
        yield [isProvider ? `pulumi:providers:${rawToken}` : rawToken, entry(inputs, outputs)];
    }
}

function* readFunctions(js, dts) {
    const seen = new Set();
    for (const m of js.matchAll(/^ {4}return pulumi\.runtime\.invoke\w*\("([^"]+)", \{([^}]*)\}/gm)) {
        const [, token, body] = m;
        if (seen.has(token)) continue; // the *Output twin repeats the same call
        // Only generated wrappers sit at the top level; kubernetes' hand-written helpers (yaml:decode,
        // helm:template) are internal to its overlays.
        const decl = [...js.slice(0, m.index).matchAll(/^function (\w+)\(/gm)].pop();
        if (!decl || js.slice(decl.index, m.index).includes("\n}")) continue;
        const fnName = decl[1];
        seen.add(token);
        const names = [...body.matchAll(/^\s+"([^"]+)": /gm)].map(x => x[1]);
        const typeName = fnName[0].toUpperCase() + fnName.slice(1);
        const declared = members(block(dts, new RegExp(`^export interface ${typeName}Args \\{$`, "m")), /^ {4}("?)([^"?:\s]+)\1(\??): /);
        const required = new Set(declared.filter(d => d.required).map(d => d.name));
        const inputs = names.map(name => ({ name, required: required.has(name) }));
        const outputs = members(block(dts, new RegExp(`^export interface ${typeName}Result \\{$`, "m")), /^ {4}readonly ("?)([^"?:\s]+)\1\??: /);
        yield [token, entry(inputs, outputs)];
    }
}

// The body of the top-level declaration matched by `start`, up to its closing brace at column 0.
function block(text, start) {
    const m = start.exec(text);
    if (!m) return "";
    const from = m.index + m[0].length;
    const end = text.indexOf("\n}", from);
    return text.slice(from, end < 0 ? undefined : end);
}

// With a prefix and a pattern that captures the member's type (group 4), members whose type is one object
// type of the package, or a list of them, also get that type's index key as `type`.
function members(body, pattern, prefix) {
    const result = [];
    for (const line of body.split("\n")) {
        const m = pattern.exec(line);
        if (!m) continue;
        const member = { name: m[2], required: m[3] === "" };
        const type = prefix && m[4] !== undefined ? objectType(m[4], prefix) : undefined;
        if (type) member.type = type;
        result.push(member);
    }
    return result;
}

// `pulumi.Input<inputs.sql.X | undefined>;` or `pulumi.Input<pulumi.Input<inputs.sql.X>[]>;` → "gcp:sql.X". Maps,
// unions with other types and inline object literals give nothing: their keys are not property names.
function objectType(typeText, prefix) {
    const m = /^pulumi\.Input<(pulumi\.Input<)?inputs\.([\w.]+)(>\[\])?( \| undefined)?>;$/.exec(typeText.trim());
    if (!m || (m[1] === undefined) !== (m[3] === undefined)) return undefined;
    return `${prefix}:${m[2]}`;
}

// The object types of `types/input.d.ts`: namespaces (nested for kubernetes: core.v1) holding interfaces whose
// members are one per line at the interface's indentation plus four.
function* readInputTypes(text, prefix) {
    const namespaces = [];
    let current;
    for (const line of text.split("\n")) {
        const namespace = /^( *)(?:export declare )?namespace (\w+) \{$/.exec(line);
        if (namespace) { namespaces.push({ indent: namespace[1].length, name: namespace[2] }); continue; }
        const iface = /^( *)(?:export )?interface (\w+) \{$/.exec(line);
        if (iface && !current) {
            const name = [...namespaces.map(n => n.name), iface[2]].join(".");
            current = { key: `${prefix}:${name}`, indent: iface[1].length, members: [] };
            continue;
        }
        const close = /^( *)\}$/.exec(line);
        if (close && current && close[1].length === current.indent) {
            yield [current.key, typeEntry(current.members)];
            current = undefined;
            continue;
        }
        if (close && !current && namespaces.length > 0 && close[1].length === namespaces.at(-1).indent) { namespaces.pop(); continue; }
        if (current) {
            const member = new RegExp(`^ {${current.indent + 4}}("?)([^"?:\\s]+)\\1(\\??): (.*)$`).exec(line);
            if (member) {
                const type = objectType(member[4], prefix);
                current.members.push({ name: member[2], required: member[3] === "", ...(type ? { type } : {}) });
            }
        }
    }
}

function typeEntry(members) {
    const e = { properties: sorted(members.map(m => m.name)) };
    const required = sorted(members.filter(m => m.required).map(m => m.name));
    if (required.length > 0) e.required = required;
    const nested = Object.fromEntries(members.filter(m => m.type).map(m => [m.name, m.type]).sort((a, b) => compare(a[0], b[0])));
    if (Object.keys(nested).length > 0) e.nested = nested;
    return e;
}

// A member may name a type that only exists as an output shape; such references are left out rather than guessed.
function pruneUnknownTypeRefs(index) {
    for (const entries of [index.resources, index.types])
        for (const e of Object.values(entries)) {
            if (!e.nested) continue;
            for (const [name, type] of Object.entries(e.nested)) if (!(type in index.types)) delete e.nested[name];
            if (Object.keys(e.nested).length === 0) delete e.nested;
        }
}

function entry(inputs, outputs) {
    const e = { inputs: sorted(inputs.map(i => i.name)), outputs: sorted(outputs.map(o => o.name)) };
    const required = sorted(inputs.filter(i => i.required).map(i => i.name));
    if (required.length > 0) e.required = required;
    const nested = Object.fromEntries(inputs.filter(i => i.type).map(i => [i.name, i.type]).sort((a, b) => compare(a[0], b[0])));
    if (Object.keys(nested).length > 0) e.nested = nested;
    return e;
}

function addUnique(map, token, value, file) {
    if (token in map && JSON.stringify(map[token]) !== JSON.stringify(value)) throw new Error(`conflicting definitions of ${token} (${file})`);
    map[token] = value;
}

// Pulumi YAML's builtin StackReference is part of the engine, not of either package.
function addBuiltins(resources) {
    resources["pulumi:pulumi:StackReference"] = entry([{ name: "name", required: true }],
        [{ name: "name" }, { name: "outputs" }, { name: "secretOutputNames" }]);
}

function sorted(names) {
    return [...new Set(names)].sort(compare);
}

function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

// One entry per line keeps the file diffable when a package version is bumped.
function serialize(index) {
    const section = map => Object.keys(map).sort(compare)
        .map(k => `    ${JSON.stringify(k)}: ${JSON.stringify(map[k])}`).join(",\n");
    return "{\n" +
        `  "packages": ${JSON.stringify(index.packages)},\n` +
        `  "resources": {\n${section(index.resources)}\n  },\n` +
        `  "functions": {\n${section(index.functions)}\n  },\n` +
        `  "types": {\n${section(index.types)}\n  }\n` +
        "}\n";
}
