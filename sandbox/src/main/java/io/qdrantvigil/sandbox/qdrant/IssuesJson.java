package io.qdrantvigil.sandbox.qdrant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The {@code IssuesReport} of {@code GET /issues}: empty, or the two kinds Qdrant raises most. */
final class IssuesJson {

    private IssuesJson() {
    }

    static ObjectNode none() {
        ObjectNode result = ApiJson.object();
        result.putArray("issues");
        return result;
    }

    static ObjectNode some(String collection, Instant now) {
        ObjectNode result = ApiJson.object();
        ArrayNode issues = result.putArray("issues");

        ObjectNode unindexed = issues.addObject();
        unindexed.put("id", "UNINDEXED_FIELD/" + collection + "/city");
        unindexed.put("description",
                "Unindexed field 'city' might be slowing queries down in collection '" + collection + "'");
        ObjectNode immediate = unindexed.putObject("solution").putObject("immediate");
        immediate.put("message", "Create an index on field 'city' of schema \"keyword\" in collection '" + collection
                + "'. Check the documentation for more details: "
                + "https://qdrant.tech/documentation/concepts/indexing/#payload-index");
        ObjectNode action = immediate.putObject("action");
        action.put("method", "PUT");
        action.put("uri", "/collections/" + collection + "/index");
        action.putObject("headers").put("content-type", "application/json");
        action.putObject("body").put("field_name", "city").put("field_schema", "keyword");
        unindexed.put("timestamp", ApiJson.timestamp(now.minusSeconds(60)));
        unindexed.put("related_collection", collection);

        ObjectNode tooMany = issues.addObject();
        tooMany.put("id", "TOO_MANY_COLLECTIONS/");
        tooMany.put("description", "It looks like you have too many collections.\nIf your architecture creates "
                + "collections programmatically, it's probably better to restructure your solution into a fixed "
                + "number of them. \nLearn more here: "
                + "https://qdrant.tech/documentation/guides/multiple-partitions/");
        tooMany.putObject("solution").put("refactor", "Restructure your solution into a fixed number of collections");
        tooMany.put("timestamp", ApiJson.timestamp(now.minusSeconds(600)));
        tooMany.putNull("related_collection");
        return result;
    }
}
