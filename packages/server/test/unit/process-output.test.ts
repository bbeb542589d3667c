/** The test helpers read a child's output as UTF-8 across pipe chunks (issue 10: "��" under load). */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../support/process.ts';

// Writes 监督 cut inside its first character (bytes 0–1 | 2–5), the second half 150 ms later: two pipe reads.
const SPLIT = `
const b = Buffer.from('监督');
for (const s of [process.stdout, process.stderr]) s.write(b.subarray(0, 2));
setTimeout(() => { for (const s of [process.stdout, process.stderr]) s.write(b.subarray(2)); }, 150);
`;

describe('child output', () => {
  it('a Chinese character split across two chunks arrives whole, on stdout and stderr', async () => {
    const r = await runCommand(process.execPath, ['-e', SPLIT], process.env, 30_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('监督');
    expect(r.stderr).toBe('监督');
  }, 30_000);
});
