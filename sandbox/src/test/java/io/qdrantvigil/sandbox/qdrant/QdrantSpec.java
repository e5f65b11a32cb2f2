package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Qdrant 1.19's own OpenAPI 3.0 spec ({@code sandbox/src/test/resources/qdrant/openapi.json}, a copy of {@code shared/qdrant/}) as response validators.
 *
 * <p>Qdrant writes optional fields as {@code anyOf: [X, {"nullable": true}]}; taken literally the bare
 * branch accepts any value, so it is narrowed to {@code null} (the rule of the shared
 * {@code validate_examples.py}). In strict mode every object that declares properties also rejects
 * undeclared ones, which catches a simulator field that real Qdrant never sends.
 */
final class QdrantSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenAPI 3.0's dialect, told that the spec's {@code components} (carried along for $ref) is no keyword. */
    private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(OpenApi30.getInstance())
            .keyword(new NonValidationKeyword("components"))
            .build();
    private static final Map<Boolean, QdrantSpec> LOADED = new ConcurrentHashMap<>();

    private final JsonNode spec;
    private final JsonNode components;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private QdrantSpec(JsonNode spec, boolean strict) {
        this.spec = spec;
        ObjectNode tightened = spec.get("components").deepCopy();
        narrowNullable(tightened);
        if (strict) {
            closeObjects(tightened);
        }
        this.components = tightened;
        this.strict = strict;
    }

    private final boolean strict;

    /** The repository's copy of Qdrant's API folder (spec, notes, examples), checked against ../shared by SharedCopyTest. */
    static Path qdrantDir() {
        String dir = System.getProperty("vigil.qdrant.dir");
        if (dir == null) {
            throw new IllegalStateException("system property vigil.qdrant.dir is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    /** The spec with undeclared fields rejected: what the simulator's responses are held to. */
    static QdrantSpec strict() {
        return LOADED.computeIfAbsent(true, s -> load(true));
    }

    /** The spec as validate_examples.py reads it without --strict. */
    static QdrantSpec lenient() {
        return LOADED.computeIfAbsent(false, s -> load(false));
    }

    private static QdrantSpec load(boolean strict) {
        try {
            return new QdrantSpec(JSON.readTree(Files.readAllBytes(qdrantDir().resolve("openapi.json"))), strict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validation errors of a response body against the spec's schema for that path, method and status.
     * Where the spec declares no JSON body for an error status (e.g. {@code GET /issues} has a bare 4XX),
     * Qdrant's error wrapper {@code ErrorResponse} is what any error answers with.
     */
    List<String> responseErrors(String method, String pathTemplate, int status, JsonNode body) {
        JsonNode responses = spec.path("paths").path(pathTemplate).path(method.toLowerCase()).path("responses");
        if (responses.isMissingNode()) {
            throw new IllegalArgumentException("no operation " + method + " " + pathTemplate + " in the spec");
        }
        String code = String.valueOf(status);
        if (!responses.has(code)) {
            code = status >= 400 && status < 500 && responses.has("4XX") ? "4XX" : "default";
        }
        JsonNode schema = responses.path(code).path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            if (status >= 400) {
                return componentErrors("ErrorResponse", body);
            }
            throw new IllegalArgumentException("the spec declares no JSON body for " + method + " " + pathTemplate
                    + " " + status);
        }
        return errors(schema, method + " " + pathTemplate + " " + code, body);
    }

    /** Validation errors of a value against {@code #/components/schemas/NAME}. */
    List<String> componentErrors(String name, JsonNode value) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/" + name);
        return errors(ref, "component " + name, value);
    }

    private List<String> errors(JsonNode schemaNode, String key, JsonNode value) {
        JsonSchema schema = schemas.computeIfAbsent(key, k -> {
            ObjectNode document = schemaNode.deepCopy();
            narrowNullable(document);
            if (strict) {
                closeObjects(document);
            }
            document.set("components", components);
            return factory.getSchema(document, config);
        });
        return schema.validate(value).stream().map(ValidationMessage::toString).toList();
    }

    /** {@code anyOf/oneOf: [X, {"nullable": true}]} accepts X or null, nothing else. */
    private static void narrowNullable(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String key : List.of("anyOf", "oneOf")) {
                if (object.get(key) instanceof ArrayNode branches) {
                    for (int i = 0; i < branches.size(); i++) {
                        JsonNode branch = branches.get(i);
                        if (branch.size() == 1 && branch.path("nullable").asBoolean(false)) {
                            branches.set(i, JsonNodeFactory.instance.objectNode()
                                    .set("enum", JsonNodeFactory.instance.arrayNode().addNull()));
                        }
                    }
                }
            }
        }
        node.forEach(QdrantSpec::narrowNullable);
    }

    private static void closeObjects(JsonNode node) {
        node.forEach(QdrantSpec::closeObjects);
        if (node instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
    }

    static Iterator<Path> examples() throws IOException {
        return Files.list(qdrantDir().resolve("examples")).sorted().iterator();
    }
}
