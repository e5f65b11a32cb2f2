package io.qdrantvigil.sandbox.qdrant;

import java.nio.charset.StandardCharsets;

/** What a reverse proxy in front of Qdrant answers when it cannot reach it: HTML, not JSON. */
final class ProxyErrorPage {

    private ProxyErrorPage() {
    }

    static Reply reply(int status) {
        String title = status + " " + reason(status);
        String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
        return Reply.bytes(status, "text/html", html.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Error";
        };
    }
}
