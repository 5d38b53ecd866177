package dev.sightline.server.ui;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ServerCacheControl;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.file.FileService;
import com.linecorp.armeria.server.file.HttpFile;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI at {@code /} on the API port, from {@code sightline-ui/} on the classpath (the ui
 * module's jar). Its files under {@code /assets/} have content hashes in their names, so they are
 * cached for a year and sent pre-compressed (brotli or gzip, as the browser accepts); everything
 * else is revalidated. The UI's pages and any deep link below them answer with index.html, and the
 * app shows what the URL names. The pages hold no data: every datum comes from the authenticated API.
 */
public final class WebUi {
  private static final Logger log = LoggerFactory.getLogger(WebUi.class);
  /** The app's pages; {@code /} sends the browser to the first. AccessPolicy lists them as public. */
  public static final List<String> PAGES = List.of(
      "/traces", "/logs", "/query", "/alerts", "/compare", "/services", "/dashboards", "/admin");
  /** Static files beside the pages, public too. */
  public static final List<String> FILES = List.of("/assets/", "/favicon.svg");
  static final String ROOT = "sightline-ui";

  private WebUi() {}

  public static void register(ServerBuilder sb) {
    ClassLoader classes = WebUi.class.getClassLoader();
    HttpService index;
    if (classes.getResource(ROOT + "/index.html") == null) {
      log.warn("the web UI is not in this build (no {}/index.html on the classpath); build it with ./sightline build, "
          + "which needs Node.js 20.19+ and npm", ROOT);
      index = (ctx, req) -> HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8,
          "The web UI is not in this build of Sightline. Build it with ./sightline build (needs Node.js 20.19+ and npm); "
              + "the API is at /api/v1 (docs/api.md).");
    } else {
      index = HttpFile.builder(classes, ROOT + "/index.html").cacheControl(ServerCacheControl.REVALIDATED).build().asService();
      sb.serviceUnder("/assets/", FileService.builder(classes, ROOT + "/assets")
          .serveCompressedFiles(true).cacheControl(ServerCacheControl.IMMUTABLE).build());
      sb.service("/favicon.svg", FileService.builder(classes, ROOT)
          .serveCompressedFiles(true).cacheControl(ServerCacheControl.REVALIDATED).build());
    }
    sb.service("/", index);
    for (String page : PAGES) {
      sb.service(page, index);
      sb.serviceUnder(page + "/", index);
    }
  }
}
