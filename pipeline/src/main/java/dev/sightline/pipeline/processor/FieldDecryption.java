package dev.sightline.pipeline.processor;

/** A processor that encrypted fields and can decrypt them again, for the API's decrypt endpoint. */
public interface FieldDecryption {

  /** The plaintext of an {@code enc:v<version>:…} token; throws with the reason when it cannot. */
  String decrypt(String token);
}
