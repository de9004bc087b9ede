//! Counting kernels: the hot loops behind the slice constructors.

/// Counts of every byte value in `bytes`.
///
/// Four interleaved tables break the dependency between consecutive increments of the same bin
/// (a run of equal scores would otherwise serialize on one memory location).
pub(crate) fn histogram(bytes: &[u8]) -> [u64; 256] {
    let mut tables = [[0u64; 256]; 4];
    let mut quads = bytes.chunks_exact(4);
    for quad in &mut quads {
        if let [a, b, c, d] = *quad {
            tables[0][usize::from(a)] += 1;
            tables[1][usize::from(b)] += 1;
            tables[2][usize::from(c)] += 1;
            tables[3][usize::from(d)] += 1;
        }
    }
    for &byte in quads.remainder() {
        tables[0][usize::from(byte)] += 1;
    }
    let mut counts = [0u64; 256];
    for table in &tables {
        for (total, &count) in counts.iter_mut().zip(table) {
            *total += count;
        }
    }
    counts
}
