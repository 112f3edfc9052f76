// Draws long tables in slices that share their column widths.
import Table from 'cli-table3';
import stringWidth from 'string-width';

/** Rows drawn per cli-table3 table: its layout takes time quadratic in the rows (minutes for 50,000). */
const SLICE_ROWS = 500;

/** A table drawn in slices of SLICE_ROWS rows that share their column widths, so they join into one table. */
export function drawTable(head: string[], rows: string[][], style: Table.TableConstructorOptions['style']): string {
  const width = (cell: string) => Math.max(...cell.split('\n').map((line) => stringWidth(line)));
  const colWidths = head.map((h, c) => 2 + rows.reduce((w, row) => Math.max(w, width(row[c] ?? '')), width(h)));
  const noTop = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '' };
  const noBottom = { bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '' };
  const slices: string[] = [];
  for (let start = 0; start === 0 || start < rows.length; start += SLICE_ROWS) {
    const first = start === 0;
    const last = start + SLICE_ROWS >= rows.length;
    const chars = { ...(first ? {} : noTop), ...(last ? {} : noBottom) };
    const table = new Table({ head: first ? head : [], style, colWidths, chars });
    table.push(...rows.slice(start, start + SLICE_ROWS));
    slices.push(table.toString());
  }
  return slices.join('\n');
}
