/**
 * Small-cell suppression for figures that leave the platform (the report's PDF and CSV). A count below the
 * threshold could point at one household or one person (one open of the help site in a street of three
 * addresses), so it is shown as "< 5".
 *
 * Secondary disclosure: when a group's total is shown and only one of its cells is hidden, that cell is the
 * total minus the shown ones. Every group with a shown total therefore hides either none of its cells or at
 * least two (complementary suppression: the smallest shown cell is hidden as well). When the total itself is
 * small it is hidden too, and then every cell is (they are no larger than the total). Ratios derived from a
 * hidden count (click rate, interval) are hidden with it by the callers.
 */

export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSED = '< 5';

export interface Cell {
  value: number;
  suppressed: boolean;
}

/** One count on its own (no total it adds up to). */
export function suppressCount(value: number, threshold = SUPPRESSION_THRESHOLD): Cell {
  return { value, suppressed: value < threshold };
}

/** The text of a cell as the export shows it. */
export function shown(cell: Cell, format: (n: number) => string = String): string {
  return cell.suppressed ? SUPPRESSED : format(cell.value);
}

/**
 * A group of counts that add up to a total that is shown too (streets of a campaign, variants of an SMS,
 * hours of a day). Returns the cells in input order and the total, with complementary suppression so no
 * hidden cell can be recomputed from the others.
 */
export function suppressGroup(
  values: readonly number[],
  threshold = SUPPRESSION_THRESHOLD,
): { cells: Cell[]; total: Cell } {
  const totalValue = values.reduce((s, v) => s + v, 0);
  const total = suppressCount(totalValue, threshold);
  const cells = values.map((value) => suppressCount(value, threshold));
  if (total.suppressed) return { cells: cells.map((c) => ({ ...c, suppressed: true })), total };
  const hidden = cells.filter((c) => c.suppressed).length;
  if (hidden === 1) {
    let smallest = -1;
    for (const [i, c] of cells.entries()) {
      if (!c.suppressed && (smallest < 0 || c.value < cells[smallest]!.value)) smallest = i;
    }
    if (smallest >= 0) cells[smallest] = { ...cells[smallest]!, suppressed: true };
    // With no other cell to hide, the lone hidden cell equals the total: hide the total as well.
    else total.suppressed = true;
  }
  return { cells, total };
}
