package fr.adminteleservices.siecle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of an export read with its subtree: attributes, the text of its simple children
 * (first occurrence), and its complex children. Unknown elements are kept and simply ignored.
 */
final class SiecleRecord {

    final String name;
    final int line;
    final Map<String, String> attributes = new HashMap<>(4);
    final Map<String, String> fields = new HashMap<>(32);
    final List<SiecleRecord> children = new ArrayList<>(0);
    String text;

    SiecleRecord(String name, int line) {
        this.name = name;
        this.line = line;
    }

    /** Trimmed text of a child element or attribute; null when absent or empty. */
    String get(String key) {
        String v = fields.get(key);
        if (v == null) {
            v = attributes.get(key);
        }
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    SiecleRecord child(String childName) {
        for (SiecleRecord c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    List<SiecleRecord> all(String childName) {
        List<SiecleRecord> result = new ArrayList<>();
        collect(childName, result);
        return result;
    }

    private void collect(String childName, List<SiecleRecord> into) {
        for (SiecleRecord c : children) {
            if (c.name.equals(childName)) {
                into.add(c);
            } else {
                c.collect(childName, into);
            }
        }
    }
}
