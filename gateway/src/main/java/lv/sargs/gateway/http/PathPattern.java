package lv.sargs.gateway.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A route template such as {@code /v1/companies/{regNo}}: literal segments matched exactly,
 * {@code {name}} segments capturing one non-empty, percent-decoded segment. Matching reads the
 * request URI in place and allocates only the captured values.
 */
final class PathPattern {

    private final String template;
    private final String[] literals;
    private final String[] paramNames;
    private final int paramCount;

    private PathPattern(String template, String[] literals, String[] paramNames) {
        this.template = template;
        this.literals = literals;
        this.paramNames = paramNames;
        int n = 0;
        for (String name : paramNames) {
            if (name != null) {
                n++;
            }
        }
        this.paramCount = n;
    }

    static PathPattern parse(String template) {
        if (template == null || !template.startsWith("/") || (template.length() > 1 && template.endsWith("/"))) {
            throw new IllegalArgumentException("route template: \"" + template
                    + "\" (expected: an absolute path such as /v1/companies/{regNo}, no trailing slash)");
        }
        if (template.equals("/")) {
            return new PathPattern(template, new String[0], new String[0]);
        }
        String[] segments = template.substring(1).split("/", -1);
        String[] literals = new String[segments.length];
        String[] names = new String[segments.length];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
                String name = s.substring(1, s.length() - 1);
                if (seen.contains(name) || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("route template: \"" + template + "\" (expected: unique {name} segments)");
                }
                seen.add(name);
                names[i] = name;
            } else if (s.isEmpty() || s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
                throw new IllegalArgumentException("route template: \"" + template
                        + "\" (expected: non-empty segments, a parameter being a whole {name} segment)");
            } else {
                literals[i] = s;
            }
        }
        return new PathPattern(template, literals, names);
    }

    String template() {
        return template;
    }

    int paramCount() {
        return paramCount;
    }

    /** The names of the captured segments, in order. */
    String[] paramNames() {
        String[] out = new String[paramCount];
        int j = 0;
        for (String name : paramNames) {
            if (name != null) {
                out[j++] = name;
            }
        }
        return out;
    }

    /**
     * Whether {@code uri[0, end)} matches; captured values go to {@code params} (length
     * {@link #paramCount()}, may be null when there are none).
     */
    boolean matches(String uri, int end, String[] params) {
        int pos = 1;
        if (literals.length == 0) {
            return end == 1;
        }
        int captured = 0;
        for (int i = 0; i < literals.length; i++) {
            if (pos > end) {
                return false;
            }
            int slash = uri.indexOf('/', pos);
            int segEnd = slash < 0 || slash > end ? end : slash;
            String literal = literals[i];
            if (literal != null) {
                if (segEnd - pos != literal.length() || !uri.regionMatches(pos, literal, 0, literal.length())) {
                    return false;
                }
            } else if (segEnd == pos) {
                return false;
            } else if (params != null) {
                params[captured++] = QueryStringDecoder.decodeComponent(uri.substring(pos, segEnd));
            }
            pos = segEnd + 1;
        }
        return pos == end + 1;
    }
}
