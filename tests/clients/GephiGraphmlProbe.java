// Reads GraphML <data> values the way Gephi's ImporterGraphML does: the JDK's StAX parser with
// default settings, appending a text chunk only when it is a CHARACTERS event for which
// isWhiteSpace() is false, and keeping a value only when it is not empty.
// Output, one line per kept value, hex-encoded UTF-8:  N|E <element id> <key> <hex value>
import java.io.*;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.*;

public class GephiGraphmlProbe {
    static String hex(String s) {
        StringBuilder b = new StringBuilder("x");
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) b.append(String.format("%02x", x & 0xff));
        return b.toString();
    }

    public static void main(String[] a) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        if (factory.isPropertySupported("javax.xml.stream.isValidating")) {
            factory.setProperty("javax.xml.stream.isValidating", Boolean.FALSE);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        XMLStreamReader r = factory.createXMLStreamReader(
            new InputStreamReader(new FileInputStream(a[0]), StandardCharsets.UTF_8));
        String kind = "", id = "";
        while (r.hasNext()) {
            int ev = r.next();
            if (ev != XMLStreamReader.START_ELEMENT) continue;
            String name = r.getLocalName();
            if (name.equalsIgnoreCase("node") || name.equalsIgnoreCase("edge")) {
                kind = name.equalsIgnoreCase("node") ? "N" : "E";
                id = r.getAttributeValue(null, "id");
            } else if (name.equalsIgnoreCase("data")) {
                String key = r.getAttributeValue(null, "key");
                String value = "";
                boolean end = false;
                while (r.hasNext() && !end) {
                    int t = r.next();
                    if (t == XMLStreamReader.CHARACTERS) {
                        if (!r.isWhiteSpace()) value += r.getText();
                    } else if (t == XMLStreamReader.END_ELEMENT && r.getLocalName().equalsIgnoreCase("data")) {
                        end = true;
                    }
                }
                if (!value.isEmpty()) out.println(kind + "\t" + id + "\t" + key + "\t" + hex(value));
            }
        }
    }
}
