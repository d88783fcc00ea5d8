import type { ReactNode } from 'react';
import { Table } from '@mantine/core';

interface ListTableProps<T> {
  /** The table's accessible name. */
  label: string;
  columns: readonly string[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  /** One cell per column. */
  cells: (row: T) => readonly ReactNode[];
}

/** A list shown as a table with a name, a header row and one row per item: every list screen of the console. */
export function ListTable<T>({ label, columns, rows, rowKey, cells }: ListTableProps<T>) {
  return (
    <Table aria-label={label}>
      <Table.Thead>
        <Table.Tr>{columns.map((column) => <Table.Th key={column}>{column}</Table.Th>)}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={rowKey(row, index)}>{cells(row).map((cell, column) => <Table.Td key={column}>{cell}</Table.Td>)}</Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
