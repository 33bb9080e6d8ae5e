// Reading a zip file (an .xlsx or .docx) without dependencies: its entry names and one entry's
// text, from the central directory. Enough for the tests' checks; no zip64, no encryption.

import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** The entries of the zip at `file`: Map name → { method, compressed size, local header offset }.
 * Throws if it is not a zip. */
export function zipEntries(file) {
  const buf = readFileSync(file);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20); // compressed
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name, { method, size, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { buf, entries };
}

/** The text of entry `name` in the zip at `file` (stored or deflated). */
export function zipText(file, name) {
  const { buf, entries } = zipEntries(file);
  const e = entries.get(name);
  if (!e) throw new Error(`${file} has no ${name}`);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  // The central directory's size: writers that stream leave the local header's at 0.
  const data = buf.subarray(start, start + e.size);
  return (e.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}
