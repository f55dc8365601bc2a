package com.mirogateway.platform.host.miro;

import com.mirogateway.platform.api.MiroResponse;
import com.mirogateway.platform.api.MiroUnavailableException;
import com.mirogateway.platform.api.MiroUnavailableException.Reason;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.media.MediaContext;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange with Miro: an HTTP/1.1 client with its own keep-alive pool, reading each answer whole (Miro's JSON
 * answers are small). Never follows redirects or retries; paths are sent exactly as given. Thread-safe.
 */
final class MiroTransport implements AutoCloseable {
    private final Http1Client client;
    private final String basePath;

    MiroTransport(MiroConfig config) {
        URI base = config.baseUri();
        this.basePath = base.getRawPath() == null ? "" : base.getRawPath();
        this.client = Http1Client.builder()
                .baseUri(URI.create(base.getScheme() + "://" + base.getRawAuthority()))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .followRedirects(false)
                .keepAlive(true)
                .sendExpectContinue(false)
                .shareConnectionCache(false)
                .connectionCacheSize(config.connectionPoolSize())
                .relativeUris(true)
                .proxy(Proxy.noProxy())
                .servicesDiscoverServices(false)
                .contentEncoding(ContentEncodingContext.builder()
                        .contentEncodingsDiscoverServices(false)
                        .build())
                .mediaContext(MediaContext.builder()
                        .mediaSupportsDiscoverServices(false)
                        .build())
                .build();
    }

    /**
     * Sends one request and reads the whole answer, whatever its status.
     *
     * @param method the method
     * @param pathAndQuery the raw path under the base URL, with the raw query if any
     * @param headers request headers
     * @param body the body, or {@code null} for none
     * @return the answer
     * @throws MiroUnavailableException with {@link Reason#TIMEOUT} or {@link Reason#CONNECTION}
     */
    MiroResponse exchange(Method method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Http1ClientRequest request = client.method(method).skipUriEncoding(true).path(basePath + pathAndQuery);
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse response = body == null ? request.request() : request.submit(body)) {
            Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
            for (Header header : response.headers()) {
                answerHeaders.put(header.name(), new ArrayList<>(header.allValues()));
            }
            byte[] bytes;
            try (InputStream in = response.inputStream()) {
                bytes = in.readAllBytes();
            }
            return MiroResponse.create(response.status().code(), answerHeaders, bytes);
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    private static MiroUnavailableException translate(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new MiroUnavailableException(Reason.TIMEOUT, null, "Miro did not answer in time", failure);
            }
        }
        return new MiroUnavailableException(
                Reason.CONNECTION, null, "The connection to Miro failed: " + failure.getMessage(), failure);
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
