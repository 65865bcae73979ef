package io.infometis.streams.sinks.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Hits as a fixed-width text table: one column per field, {@code _id} first, values cut to a maximum width.
 * Written by hand: a dozen lines, where a table library would be a dependency for nothing else.
 */
final class HitTable {

    static final int MAX_WIDTH = 40;

    private HitTable() {}

    static String render(List<String> fields, JsonNode hits) {
        List<String> header = new ArrayList<>();
        header.add("_id");
        header.addAll(fields);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode hit : hits) {
            List<String> row = new ArrayList<>();
            row.add(cell(hit.path("_id")));
            for (String field : fields) {
                row.add(cell(hit.path("_source").path(field)));
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        line(out, rule, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        out.append(System.lineSeparator());
    }

    static String cell(JsonNode value) {
        String text;
        if (value == null || value.isMissingNode() || value.isNull()) {
            text = "";
        } else if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.isValueNode() ? v.asText() : v.toString()));
            text = String.join(",", parts);
        } else {
            text = value.isValueNode() ? value.asText() : value.toString();
        }
        text = text.replace('\n', ' ');
        return text.length() <= MAX_WIDTH ? text : text.substring(0, MAX_WIDTH - 1) + "…";
    }
}
