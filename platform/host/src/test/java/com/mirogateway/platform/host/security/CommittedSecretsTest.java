package com.mirogateway.platform.host.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scans every file git tracks (and every untracked file not ignored, so a secret is caught before its commit) for
 * things that look like committed secrets: private keys and keystores, cloud and GitHub/Slack tokens, JWTs, and secrets
 * written literally into configuration ({@code password: x}; the convention is {@code password-env} or {@code
 * password-file}, see {@link SecretRef}). A fixture that is obviously fake goes into {@link #ALLOWED} with its rule.
 */
class CommittedSecretsTest {
    private static final long MAX_BYTES = 2L * 1024 * 1024;
    private static final Set<String> CONFIG_EXTENSIONS =
            Set.of("yaml", "yml", "properties", "env", "conf", "toml", "ini", "json", "md", "xml", "sh");
    private static final Set<String> KEY_FILE_EXTENSIONS = Set.of("p12", "pfx", "jks", "keystore", "pem", "key");

    /** Rules by name. Written so that their own source text does not match them. */
    static final Map<String, Pattern> RULES = Map.of(
            "private-key", Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
            "aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            "aws-secret-key", Pattern.compile("(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+=]{40}"),
            "github-token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
            "slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            "jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"));

    /** {@code key: value} or {@code key=value} where the key names a secret and the value is a literal. */
    static final Pattern LITERAL_SECRET = Pattern.compile(
            "(?im)^[\\s#*>-]*[\"']?[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[-_]?key|private[-_]?key)[\"']?"
                    + "\\s*[:=]\\s*[\"']?([^\\s\"'#,}]{4,})");

    /** Obviously fake fixtures: path → rules allowed there. */
    static final Map<String, Set<String>> ALLOWED = Map.of();

    @Test
    void repositoryHoldsNoCommittedSecrets() throws Exception {
        Path root = repositoryRoot();
        List<String> findings = new ArrayList<>();
        for (String file : trackedFiles(root)) {
            findings.addAll(scan(file, root.resolve(file)));
        }
        assertThat(findings)
                .as("Secrets go into environment variables or secret files (<name>-env / <name>-file), never into "
                        + "the repository. If a hit is an obviously fake fixture, allow it in ALLOWED.")
                .isEmpty();
    }

    @Test
    void scannerFindsWhatItLooksFor() {
        String fakeKey = "-----BEGIN " + "PRIVATE KEY-----";
        String fakeAws = "AKIA" + "ABCDEFGHIJKLMNOP";
        String fakeJwt = "eyJ" + "hbGciOiJSUzI1NiJ9.eyJ" + "zdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXg";
        String fakeGh = "ghp_" + "a".repeat(36);
        assertThat(findings("a.txt", fakeKey)).containsExactly("a.txt: private-key");
        assertThat(findings("a.txt", "id = " + fakeAws)).containsExactly("a.txt: aws-access-key");
        assertThat(findings("a.txt", "t=" + fakeJwt)).containsExactly("a.txt: jwt");
        assertThat(findings("a.txt", fakeGh)).containsExactly("a.txt: github-token");
        assertThat(findings("conf/app.yaml", "db:\n  password: s3cr3tvalue\n"))
                .containsExactly("conf/app.yaml: literal secret (password: ...)");
        assertThat(findings("conf/app.yaml", "miro:\n  refresh-token: \"abcdef12\"\n"))
                .hasSize(1);
        assertThat(findings("conf/app.properties", "client_secret=abcdef12")).hasSize(1);
        assertThat(findings("x/server.p12", "")).containsExactly("x/server.p12: key material file");
    }

    @Test
    void scannerLeavesReferencesPlaceholdersAndCodeAlone() {
        assertThat(findings("conf/app.yaml", "tls:\n  keystore-password-env: GATEWAY_KEYSTORE_PASSWORD\n"))
                .isEmpty();
        assertThat(findings("conf/app.yaml", "  keystore-password-file: /run/secrets/ks\n"))
                .isEmpty();
        assertThat(findings("conf/app.yaml", "  password: ${DB_PASSWORD}\n  token: \"\"\n  token-ttl: PT5M\n"))
                .isEmpty();
        assertThat(findings("README.md", "password: <your password>")).isEmpty();
        assertThat(findings("src/Foo.java", "String password = secret.value();"))
                .isEmpty();
    }

    private static List<String> findings(String name, String content) {
        return scan(name, content);
    }

    private static List<String> scan(String name, Path file) throws IOException {
        String extension = extension(name);
        if (KEY_FILE_EXTENSIONS.contains(extension)) {
            return allowed(name, "key material file") ? List.of() : List.of(name + ": key material file");
        }
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
            return List.of();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return List.of(); // binary
            }
        }
        return scan(name, new String(bytes, StandardCharsets.UTF_8));
    }

    static List<String> scan(String name, String content) {
        List<String> out = new ArrayList<>();
        if (KEY_FILE_EXTENSIONS.contains(extension(name)) && !allowed(name, "key material file")) {
            out.add(name + ": key material file");
        }
        RULES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(rule -> {
            if (rule.getValue().matcher(content).find() && !allowed(name, rule.getKey())) {
                out.add(name + ": " + rule.getKey());
            }
        });
        if (CONFIG_EXTENSIONS.contains(extension(name)) && !allowed(name, "literal-secret")) {
            Matcher matcher = LITERAL_SECRET.matcher(content);
            while (matcher.find()) {
                String value = matcher.group(1);
                if (!isPlaceholder(value)) {
                    out.add(name + ": literal secret (" + keyOf(matcher.group()) + ": ...)");
                    break;
                }
            }
        }
        return out;
    }

    private static boolean isPlaceholder(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.startsWith("${")
                || v.startsWith("<")
                || v.startsWith("{{")
                || v.startsWith("$")
                || v.equals("null")
                || v.equals("true")
                || v.equals("false")
                || v.equals("****")
                || v.chars().allMatch(c -> c == '*' || c == 'x' || c == '.');
    }

    private static String keyOf(String match) {
        String key = match.strip().replaceAll("^[#*>\\-\\s\"']+", "");
        return key.split("[\"']?\\s*[:=]", 2)[0];
    }

    private static boolean allowed(String name, String rule) {
        return ALLOWED.getOrDefault(name, Set.of()).contains(rule);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "not inside a git work tree (e.g. a source tarball): nothing to scan");
        return dir;
    }

    private static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("git is not installed: " + e.getMessage());
            throw e;
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0, "git ls-files failed");
        return Arrays.stream(out.split("\0")).filter(s -> !s.isEmpty()).toList();
    }
}
