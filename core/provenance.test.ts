import { describe, expect, it } from 'vitest';
import { stripProvenance, unsourcedNumbers } from './provenance.js';

describe('stripProvenance', () => {
  it('replaces wrappers by their value and records their source by field path', () => {
    const { plain, provenance, issues } = stripProvenance({
      memory: { bandwidth: { value: '76.8 GB/s', source: 'LPDDR5T x 64-bit', estimated: true, why: 'bus width unpublished' }, type: 'LPDDR5T' },
      units: { npu: { peak: { int8: { value: '34 TOPS', source: 'vendor' } } } },
    });
    expect(plain).toEqual({ memory: { bandwidth: '76.8 GB/s', type: 'LPDDR5T' }, units: { npu: { peak: { int8: '34 TOPS' } } } });
    expect(provenance['memory.bandwidth']).toEqual({ source: 'LPDDR5T x 64-bit', estimated: true, why: 'bus width unpublished' });
    expect(provenance['units.npu.peak.int8']).toEqual({ source: 'vendor', estimated: false });
    expect(issues).toEqual([]);
  });
  it('reports a wrapper without a source, and an estimate without a why', () => {
    const { issues } = stripProvenance({ a: { value: 1 }, b: { value: 2, source: 'x', estimated: true } });
    expect(issues.map((i) => i.path)).toEqual(['a.source', 'b.why']);
  });
  it('finds numbers that carry no source', () => {
    expect(unsourcedNumbers({ a: { value: 1, source: 's' }, b: 2, c: '5 GB/s', d: 'LPDDR5', e: [3] })).toEqual(['b', 'c', 'e.0']);
  });
});
