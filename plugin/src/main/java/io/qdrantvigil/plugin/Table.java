package io.qdrantvigil.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Aligned columns. Widths are measured on the plain text and padding is added outside the colour,
 * so escape codes never shift a column. The last column is not padded.
 */
final class Table {

  private static final String GAP = "  ";

  /** One cell: its text and how to colour it. */
  record Cell(String text, UnaryOperator<String> paint) {

    static Cell of(String text) {
      return new Cell(text, UnaryOperator.identity());
    }
  }

  private final List<List<Cell>> rows = new ArrayList<>();
  private final String indent;

  Table(String indent) {
    this.indent = indent;
  }

  Table header(Style style, String... titles) {
    List<Cell> cells = new ArrayList<>();
    for (String title : titles) {
      cells.add(new Cell(title, style::dim));
    }
    rows.add(cells);
    return this;
  }

  Table row(Cell... cells) {
    List<Cell> row = new ArrayList<>();
    for (Cell cell : cells) {
      row.add(cell.text() == null || cell.text().isEmpty() ? new Cell("-", cell.paint()) : cell);
    }
    rows.add(row);
    return this;
  }

  Table row(String... texts) {
    Cell[] cells = new Cell[texts.length];
    for (int i = 0; i < texts.length; i++) {
      cells[i] = Cell.of(texts[i]);
    }
    return row(cells);
  }

  void printTo(StringBuilder out) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<Cell> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).text().length());
      }
    }
    for (List<Cell> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        Cell cell = row.get(i);
        boolean last = i == row.size() - 1;
        line.append(cell.paint().apply(cell.text()));
        if (!last) {
          line.append(" ".repeat(widths[i] - cell.text().length())).append(GAP);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
