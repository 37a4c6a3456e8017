// Reads a CSV file with the CSVFormat that Gephi's spreadsheet importer configures
// (ImporterSpreadsheetCSV: commons-csv DEFAULT, backslash escape, trim, empty cell = null).
// Output, one line per record, cells hex-encoded UTF-8 so that any character survives:
//   H <hex header cell>...                (the header)
//   R <true|false consistent> <hex cell|NULL>...
// A parse error makes the probe exit non-zero, as it makes Gephi's import fail.
import java.io.*;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.*;

public class GephiCsvProbe {
    static String hex(String s) {
        if (s == null) return "NULL";
        StringBuilder b = new StringBuilder("x");
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) b.append(String.format("%02x", x & 0xff));
        return b.toString();
    }

    public static void main(String[] a) throws Exception {
        CSVFormat f = CSVFormat.DEFAULT.withDelimiter(',').withEscape('\\').withIgnoreEmptyLines(true)
            .withNullString("").withIgnoreSurroundingSpaces(true).withTrim(true)
            .withFirstRecordAsHeader().withAllowMissingColumnNames(false).withIgnoreHeaderCase(false);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        try (CSVParser p = new CSVParser(new InputStreamReader(new FileInputStream(a[0]), StandardCharsets.UTF_8), f)) {
            StringBuilder h = new StringBuilder("H");
            for (String name : p.getHeaderNames()) h.append('\t').append(hex(name));
            out.println(h);
            for (CSVRecord r : p) {
                StringBuilder line = new StringBuilder("R\t").append(r.isConsistent());
                for (String cell : r) line.append('\t').append(hex(cell));
                out.println(line);
            }
        }
    }
}
