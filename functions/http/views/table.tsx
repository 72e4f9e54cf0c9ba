import type { Child, FC } from 'hono/jsx';

/** One column of a table: its header and how a row fills its cell. Numbers align right. */
export interface Column<T> {
  header: string;
  cell: (row: T) => Child;
  numeric?: boolean;
  /** The cell names its row (`<th scope="row">`), as the first column of a table of figures does. */
  rowHeader?: boolean;
}

/**
 * The one table of the pages: a caption, a header row and one row per item, in the NL Design System's
 * table style. An empty list shows `empty` instead of an empty table.
 */
export function DataTable<T>(props: {
  caption: Child;
  columns: readonly Column<T>[];
  rows: readonly T[];
  empty?: Child;
  class?: string;
}) {
  const { caption, columns, rows, empty } = props;
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <table class={props.class ? `utrecht-table ${props.class}` : 'utrecht-table'}>
      <caption class="utrecht-table__caption">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" class={column.numeric ? 'number' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {columns.map((column) =>
              column.rowHeader ? (
                <th scope="row" class={column.numeric ? 'number' : undefined}>
                  {column.cell(row)}
                </th>
              ) : (
                <td class={column.numeric ? 'number' : undefined}>{column.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A two-column table of labelled figures (label, value), as in summaries. */
export const FigureTable: FC<{ caption: Child; rows: readonly [Child, Child][]; class?: string }> = (
  props,
) => (
  <table class={props.class ? `utrecht-table ${props.class}` : 'utrecht-table'}>
    <caption class="utrecht-table__caption">{props.caption}</caption>
    <tbody>
      {props.rows.map(([label, value]) => (
        <tr>
          <th scope="row">{label}</th>
          <td class="number">{value}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
