// Tables that stack on a phone: each data cell carries its column's header text (data-label), which
// styles.css shows before the value when a row becomes a card below 700 px, so that no column is ever
// off-screen. The header row stays the source of the labels.

/** Sets data-label on every body and footer cell from the header of its column (colspans counted). */
export function labelCellsByHeader(table: HTMLTableElement): void {
  const heads = [...(table.tHead?.rows[0]?.cells ?? [])].flatMap((th) =>
    Array.from({ length: th.colSpan || 1 }, () => th.textContent?.trim() ?? ''),
  );
  const rows = [...table.tBodies].flatMap((b) => [...b.rows]).concat([...(table.tFoot?.rows ?? [])]);
  for (const row of rows) {
    let column = 0;
    for (const cell of row.cells) {
      if (cell.tagName === 'TD' && heads[column]) cell.dataset.label = heads[column];
      column += cell.colSpan || 1;
    }
  }
  table.classList.add('stacked');
}
