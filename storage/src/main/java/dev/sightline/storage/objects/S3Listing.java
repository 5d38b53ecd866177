package dev.sightline.storage.objects;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** One page of an S3 ListObjectsV2 answer, and the code of an S3 error answer. */
record S3Listing(List<ObjectStore.Entry> entries, @Nullable String nextToken) {

  static S3Listing parse(String xml) throws IOException {
    Document doc = document(xml);
    List<ObjectStore.Entry> entries = new ArrayList<>();
    NodeList contents = doc.getElementsByTagName("Contents");
    for (int i = 0; i < contents.getLength(); i++) {
      Element c = (Element) contents.item(i);
      entries.add(new ObjectStore.Entry(text(c, "Key"), Long.parseLong(text(c, "Size"))));
    }
    boolean truncated = "true".equals(text(doc.getDocumentElement(), "IsTruncated"));
    String token = text(doc.getDocumentElement(), "NextContinuationToken");
    return new S3Listing(entries, truncated && !token.isEmpty() ? token : null);
  }

  /** The {@code <Code>} of an error document, empty when there is none. */
  static String errorCode(String xml) {
    if (xml.isBlank()) {
      return "";
    }
    try {
      return text(document(xml).getDocumentElement(), "Code");
    } catch (IOException e) {
      return "";
    }
  }

  private static String text(Element parent, String tag) {
    NodeList n = parent.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent();
  }

  private static Document document(String xml) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("the object store answered with XML that cannot be read: " + e.getMessage(), e);
    }
  }
}
