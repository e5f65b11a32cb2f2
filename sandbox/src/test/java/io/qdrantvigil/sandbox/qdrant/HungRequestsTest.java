package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The parking lot of a HUNG node stays bounded however often clients retry. */
class HungRequestsTest {

    private final AtomicInteger closed = new AtomicInteger();

    @Test
    void beyondCapacityTheOldestConnectionIsClosed() {
        HungRequests hung = new HungRequests();
        List<Integer> resumed = new ArrayList<>();
        for (int i = 0; i < HungRequests.CAPACITY + 44; i++) {
            int id = i;
            hung.park(exchange(), () -> resumed.add(id));
        }
        assertThat(hung.size()).isEqualTo(HungRequests.CAPACITY);
        assertThat(closed.get()).isEqualTo(44);

        hung.release().forEach(Runnable::run);
        assertThat(hung.size()).isZero();
        assertThat(resumed).hasSize(HungRequests.CAPACITY).first().isEqualTo(44);
    }

    @Test
    void closeAllDropsEveryParkedConnection() {
        HungRequests hung = new HungRequests();
        for (int i = 0; i < 5; i++) {
            hung.park(exchange(), () -> { });
        }
        hung.closeAll();
        assertThat(closed.get()).isEqualTo(5);
        assertThat(hung.release()).isEmpty();
    }

    private HttpExchange exchange() {
        return new HttpExchange() {
            @Override
            public void close() {
                closed.incrementAndGet();
            }

            @Override
            public Headers getRequestHeaders() {
                return new Headers();
            }

            @Override
            public Headers getResponseHeaders() {
                return new Headers();
            }

            @Override
            public URI getRequestURI() {
                return URI.create("/cluster");
            }

            @Override
            public String getRequestMethod() {
                return "GET";
            }

            @Override
            public HttpContext getHttpContext() {
                return null;
            }

            @Override
            public InputStream getRequestBody() {
                return InputStream.nullInputStream();
            }

            @Override
            public OutputStream getResponseBody() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void sendResponseHeaders(int code, long length) {
                throw new UnsupportedOperationException("a parked exchange is never answered here");
            }

            @Override
            public InetSocketAddress getRemoteAddress() {
                return null;
            }

            @Override
            public int getResponseCode() {
                return -1;
            }

            @Override
            public InetSocketAddress getLocalAddress() {
                return null;
            }

            @Override
            public String getProtocol() {
                return "HTTP/1.1";
            }

            @Override
            public Object getAttribute(String name) {
                return null;
            }

            @Override
            public void setAttribute(String name, Object value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setStreams(InputStream in, OutputStream out) {
                throw new UnsupportedOperationException();
            }

            @Override
            public HttpPrincipal getPrincipal() {
                return null;
            }
        };
    }
}
