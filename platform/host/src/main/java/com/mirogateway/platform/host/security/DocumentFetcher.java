package com.mirogateway.platform.host.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches the provider's small JSON documents (discovery, key set). A seam for tests; the real one is {@link #http}.
 */
@FunctionalInterface
interface DocumentFetcher {
    /** Largest document accepted; a key set is a few kilobytes. */
    int MAX_BYTES = 512 * 1024;

    /**
     * Fetches a document.
     *
     * @throws IOException if it cannot be fetched, is not a 200, or is larger than {@link #MAX_BYTES}
     */
    String fetch(URI uri) throws IOException;

    /** A fetcher over the JDK HTTP client with the given connect and read timeout; follows no redirects. */
    static DocumentFetcher http(Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return uri -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while fetching " + uri, e);
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException(uri + " sent more than " + MAX_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }
}
