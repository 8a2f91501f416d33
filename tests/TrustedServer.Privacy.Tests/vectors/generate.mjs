// Generates consent-string test vectors with IAB's reference libraries (@iabtcf/core, @iabgpp/cmpapi).
// Each vector pairs an encoded string with the fields the reference library decodes from it, so the
// C# decoder can be compared field by field. Deterministic: a fixed seed drives every random choice.
// Usage: npm ci && node generate.mjs   (writes tcf-vectors.json.gz and gpp-vectors.json.gz)
import { TCModel, TCString, SegmentEncoder, Segment, PurposeRestriction } from '@iabtcf/core';
import * as gpp from '@iabgpp/cmpapi';
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

let seed = 0x5eed1234;
function rnd() { // mulberry32
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (a) => a[int(0, a.length - 1)];
const LANGS = ['EN', 'FR', 'DE', 'ES', 'IT', 'NL', 'PL', 'SV', 'DA', 'FI', 'PT', 'CS'];
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// A vendor set shaped to exercise both encodings: dense random sets favour the bit field,
// sparse sets and long runs favour ranges (the library picks whichever is shorter).
function vendorIds(maxVendor) {
  const ids = new Set();
  const shape = int(0, 4);
  if (shape === 0) return [];
  if (shape === 1) { const n = int(1, 40); for (let i = 0; i < n; i++) ids.add(int(1, maxVendor)); }
  else if (shape === 2) { const p = rnd(); for (let v = 1; v <= maxVendor; v++) if (rnd() < p) ids.add(v); }
  else if (shape === 3) { const runs = int(1, 8); for (let r = 0; r < runs; r++) { const s = int(1, maxVendor); const e = Math.min(maxVendor, s + int(0, 400)); for (let v = s; v <= e; v++) ids.add(v); } }
  else { for (let v = 1; v <= maxVendor; v++) ids.add(v); }
  return [...ids].sort((a, b) => a - b);
}
// Id sets are written as compact range lists ("1-3,7") to keep the vector files small.
function ranges(ids) {
  const parts = [];
  for (let i = 0; i < ids.length; i++) {
    let j = i; while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    parts.push(i === j ? `${ids[i]}` : `${ids[i]}-${ids[j]}`); i = j;
  }
  return parts.join(',');
}
const vec = (v) => { const out = []; v.forEach((val, id) => { if (val) out.push(id); }); return ranges(out.sort((a, b) => a - b)); };
function fakeGvl(maxVendor) {
  const ids = new Set();
  for (let v = 1; v <= maxVendor; v++) if (v % 7 !== 3) ids.add(v);
  return { vendorIds: ids, vendors: null };
}

function tcfVector() {
  const m = new TCModel();
  m.version = 2;
  const created = new Date(Date.UTC(2018, 0, 1) + int(0, 8 * 365 * 86400) * 1000 + int(0, 9) * 100);
  m.created = created;
  m.lastUpdated = new Date(created.getTime() + int(0, 400 * 86400) * 1000 + int(0, 9) * 100);
  m.cmpId = int(2, 4095); m.cmpVersion = int(0, 4095); m.consentScreen = int(0, 63);
  m.consentLanguage = pick(LANGS); m.vendorListVersion = int(1, 4095); m.policyVersion = int(0, 63);
  m.isServiceSpecific = rnd() < 0.7; m.useNonStandardStacks = rnd() < 0.2; m.purposeOneTreatment = rnd() < 0.2;
  m.publisherCountryCode = pick(letters) + pick(letters);
  for (let i = 1; i <= 12; i++) if (rnd() < 0.4) m.specialFeatureOptins.set(i);
  for (let i = 1; i <= 24; i++) { if (rnd() < 0.5) m.purposeConsents.set(i); if (rnd() < 0.3) m.purposeLegitimateInterests.set(i); }
  const maxVendor = int(1, 3000);
  m.vendorConsents.set(vendorIds(maxVendor));
  m.vendorLegitimateInterests.set(vendorIds(maxVendor));
  const nRestr = rnd() < 0.5 ? 0 : int(1, 5);
  for (let r = 0; r < nRestr; r++) {
    const pr = new PurposeRestriction(int(1, 24), int(0, 2));
    for (const v of vendorIds(Math.min(maxVendor, 600)).slice(0, 200)) m.publisherRestrictions.add(v, pr);
  }
  m.publisherRestrictions.gvl_ = fakeGvl(maxVendor);
  const segments = [Segment.CORE];
  if (rnd() < 0.5) { m.vendorsDisclosed.set(vendorIds(maxVendor)); segments.push(Segment.VENDORS_DISCLOSED); }
  if (rnd() < 0.4) {
    for (let i = 1; i <= 24; i++) { if (rnd() < 0.5) m.publisherConsents.set(i); if (rnd() < 0.3) m.publisherLegitimateInterests.set(i); }
    const n = int(0, 10); m.numCustomPurposes = n;
    for (let i = 1; i <= n; i++) { if (rnd() < 0.5) m.publisherCustomConsents.set(i); if (rnd() < 0.5) m.publisherCustomLegitimateInterests.set(i); }
    segments.push(Segment.PUBLISHER_TC);
  }
  if (segments.length === 3 && rnd() < 0.5) segments.reverse().unshift(segments.pop()); // core first, others in either order
  const s = segments.map((seg) => SegmentEncoder.encode(m, seg)).join('.');
  return { s, expected: decodeTcf(s) };
}

export function decodeTcf(s) {
  const d = TCString.decode(s);
  const restrictions = d.publisherRestrictions.getRestrictions().map((r) => ({
    purposeId: r.purposeId, restrictionType: r.restrictionType, vendors: ranges(d.publisherRestrictions.getVendors(r)),
  })).sort((a, b) => a.purposeId - b.purposeId || a.restrictionType - b.restrictionType);
  return {
    version: Number(d.version), created: d.created.toISOString(), lastUpdated: d.lastUpdated.toISOString(),
    cmpId: Number(d.cmpId), cmpVersion: Number(d.cmpVersion), consentScreen: Number(d.consentScreen),
    consentLanguage: d.consentLanguage, vendorListVersion: Number(d.vendorListVersion), policyVersion: Number(d.policyVersion),
    isServiceSpecific: d.isServiceSpecific, useNonStandardStacks: d.useNonStandardStacks,
    specialFeatureOptins: vec(d.specialFeatureOptins), purposeConsents: vec(d.purposeConsents),
    purposeLegitimateInterests: vec(d.purposeLegitimateInterests), purposeOneTreatment: d.purposeOneTreatment,
    publisherCountryCode: d.publisherCountryCode, vendorConsents: vec(d.vendorConsents),
    vendorLegitimateInterests: vec(d.vendorLegitimateInterests), publisherRestrictions: restrictions,
    vendorsDisclosed: vec(d.vendorsDisclosed), publisherConsents: vec(d.publisherConsents),
    publisherLegitimateInterests: vec(d.publisherLegitimateInterests), numCustomPurposes: Number(d.numCustomPurposes),
    publisherCustomConsents: vec(d.publisherCustomConsents), publisherCustomLegitimateInterests: vec(d.publisherCustomLegitimateInterests),
  };
}

const US_SECTIONS = ['UsNat', 'UsCa', 'UsVa', 'UsCo', 'UsUt', 'UsCt', 'UsFl', 'UsMt', 'UsOr', 'UsTx', 'UsDe', 'UsIa', 'UsNe', 'UsNh', 'UsNj', 'UsTn', 'UsMn', 'UsMd', 'UsIn', 'UsKy', 'UsRi'];
const SKIP_FIELDS = new Set(['Version', 'MspaVersion', 'GpcSegmentType', 'GpcSegmentIncluded', 'SensitiveDataConsentSegmentIncluded']);

function gppVector(i) {
  const model = new gpp.GppModel();
  const chosen = new Set();
  const n = int(1, 4);
  for (let k = 0; k < n; k++) chosen.add(i < US_SECTIONS.length * 4 ? US_SECTIONS[i % US_SECTIONS.length] : pick([...US_SECTIONS, 'UspV1', 'TcfEuV2']));
  if (rnd() < 0.2) chosen.add('UspV1');
  if (rnd() < 0.2) chosen.add('TcfEuV2');
  for (const name of chosen) {
    const C = gpp[name];
    if (name === 'TcfEuV2') { // the GPP library only encodes service-specific TC strings
      let v; do { v = tcfVector(); } while (!v.expected.isServiceSpecific);
      model.decodeSection(C.NAME, v.s); continue;
    }
    if (name === 'UspV1') {
      model.setFieldValue(C.NAME, 'Notice', pick(['Y', 'N', '-'])); model.setFieldValue(C.NAME, 'OptOutSale', pick(['Y', 'N', '-']));
      model.setFieldValue(C.NAME, 'LspaCovered', pick(['Y', 'N', '-'])); continue;
    }
    const probe = new C();
    for (const seg of probe.segments) {
      for (const f of seg.getFieldNames()) {
        if (SKIP_FIELDS.has(f)) continue;
        const field = seg.fields.get(f);
        let v;
        if (field.constructor.name === 'EncodableBoolean') v = rnd() < 0.5;
        else if (Array.isArray(field.getValue())) v = field.getValue().map(() => int(0, 2));
        else v = f === 'MspaCoveredTransaction' ? int(1, 2) : int(0, 2);
        model.setFieldValue(C.NAME, f, v);
      }
    }
    const optional = ['GpcSegmentIncluded', 'SensitiveDataConsentSegmentIncluded'].find((f) => probe.hasField(f));
    if (optional) model.setFieldValue(C.NAME, optional, rnd() < 0.6);
  }
  const s = model.encode();
  const back = new gpp.GppModel(s);
  const sections = {};
  for (const [name, obj] of Object.entries(back.toObject())) {
    if (name === 'tcfeuv2') {
      const raw = s.split('~')[1 + back.getSectionIds().indexOf(2)];
      sections[name] = { raw, tcf: decodeTcf(raw), purposeConsentsGpp: obj.PurposeConsents, vendorConsentsGpp: obj.VendorConsents };
    } else {
      const raw = s.split('~')[1 + Object.keys(back.toObject()).indexOf(name)];
      sections[name] = { ...obj, segmentCount: raw.split('.').length };
    }
  }
  return { s, expected: { sectionIds: back.getHeader().SectionIds, sections } };
}

const tcf = []; for (let i = 0; i < 2400; i++) tcf.push(tcfVector());
const gppv = []; for (let i = 0; i < 400; i++) gppv.push(gppVector(i));
const meta = { generator: 'generate.mjs', seed: '0x5eed1234', libraries: { '@iabtcf/core': '1.5.6', '@iabgpp/cmpapi': '3.2.0' } };
writeFileSync('tcf-vectors.json.gz', gzipSync(JSON.stringify({ meta, vectors: tcf })));
writeFileSync('gpp-vectors.json.gz', gzipSync(JSON.stringify({ meta, vectors: gppv })));
console.log(`tcf ${tcf.length}, gpp ${gppv.length}`);
