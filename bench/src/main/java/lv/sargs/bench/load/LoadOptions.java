package lv.sargs.bench.load;

import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One stream's command-line options as {@link LoadClient} takes them, parsed and checked; each bad
 * option is named with the value and what was expected.
 */
final class LoadOptions {

    private static final String KNOWN = "--url --ca --cert --key --header --connections --threads --seconds --warmup"
            + " --pid --method --body-file --unique-header --expect --rate --path --paths-file --progress --name"
            + " --max-response, streams joined by --and";

    String url;
    String host;
    int port;
    /** The request targets in turn: the URL's path, {@code --path}, or every line of {@code --paths-file}. */
    RequestTargets targets;
    String ca;
    String cert;
    String key;
    String[] headers = new String[0];
    int connections = 64;
    int threads = 2;
    int seconds = 20;
    int warmup = 5;
    long pid;
    HttpMethod method = HttpMethod.GET;
    byte[] body;
    String uniqueHeader;
    String uniquePrefix = Long.toString(System.currentTimeMillis(), 36);
    Set<Integer> expect = Set.of(200);
    double rate;
    boolean plain;
    int progress;
    String name;
    int maxResponse = 1 << 20;

    private LoadOptions() {
    }

    /** Several streams' options, separated by {@code --and}; one stream when there is no {@code --and}. */
    static List<LoadOptions> parseStreams(String[] args) {
        List<List<String>> segments = new ArrayList<>(List.of(new ArrayList<>()));
        for (String a : args) {
            if (a.equals("--and")) {
                segments.add(new ArrayList<>());
            } else {
                segments.get(segments.size() - 1).add(a);
            }
        }
        List<LoadOptions> streams = new ArrayList<>();
        for (List<String> segment : segments) {
            streams.add(parse(segment.toArray(new String[0])));
        }
        return streams;
    }

    static LoadOptions parse(String[] args) {
        LoadOptions o = new LoadOptions();
        List<String> headers = new ArrayList<>();
        String rawPath = null;
        String pathsFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--url" -> o.url = v;
                case "--ca" -> o.ca = v;
                case "--cert" -> o.cert = v;
                case "--key" -> o.key = v;
                case "--header" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--header " + v + " (expected: NAME=VALUE)");
                    }
                    headers.add(v.substring(0, eq));
                    headers.add(v.substring(eq + 1));
                }
                case "--connections" -> o.connections = Integer.parseInt(v);
                case "--threads" -> o.threads = Integer.parseInt(v);
                case "--seconds" -> o.seconds = Integer.parseInt(v);
                case "--warmup" -> o.warmup = Integer.parseInt(v);
                case "--pid" -> o.pid = Long.parseLong(v);
                case "--method" -> o.method = HttpMethod.valueOf(v);
                case "--body-file" -> o.body = readAll("--body-file", v);
                case "--unique-header" -> o.uniqueHeader = v;
                case "--expect" -> o.expect = Arrays.stream(v.split(","))
                        .map(String::trim).map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
                case "--rate" -> o.rate = Double.parseDouble(v);
                case "--path" -> rawPath = v;
                case "--paths-file" -> pathsFile = v;
                case "--progress" -> o.progress = Integer.parseInt(v);
                case "--name" -> o.name = v;
                case "--max-response" -> o.maxResponse = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (expected: " + KNOWN + ")");
            }
        }
        if (o.url == null) {
            throw new IllegalArgumentException("--url is missing (expected: the URL to ask, e.g. https://127.0.0.1:8443/v1/...)");
        }
        if (rawPath != null && pathsFile != null) {
            throw new IllegalArgumentException("--path and --paths-file " + pathsFile + " (expected: one of them)");
        }
        URI uri = URI.create(o.url);
        o.host = uri.getHost();
        o.port = uri.getPort();
        o.plain = "http".equals(uri.getScheme());
        if (o.port < 0) {
            o.port = o.plain ? 80 : 443;
        }
        String urlPath = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        o.targets = pathsFile != null ? RequestTargets.fromFile(Path.of(pathsFile))
                : RequestTargets.one(rawPath != null ? rawPath : urlPath);
        if (o.name == null) {
            o.name = o.url;
        }
        o.headers = headers.toArray(new String[0]);
        return o;
    }

    private static byte[] readAll(String option, String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage() + " (expected: a readable file)", e);
        }
    }
}
