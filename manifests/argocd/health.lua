-- Argo CD health check for qdrantvigil.io/QdrantClusterWatch.
-- Installed through argocd-cm (argocd-cm-patch.yaml beside this file, which must hold this exact text).
-- Argo CD runs it with the watch as the global `obj` and only Lua's base, string, table and math libraries.
local hs = {}

local function firstWarningMessage(status)
  if type(status.warnings) == "table" then
    local first = status.warnings[1]
    if type(first) == "table" and type(first.message) == "string" and first.message ~= "" then
      return first.message
    end
  end
  return status.clusterStatus
end

-- "collection NAME (first problem)" for the first collection (worst first) in the given data state.
local function firstCollectionIn(status, state)
  if type(status.collections) ~= "table" then
    return nil
  end
  for _, collection in ipairs(status.collections) do
    if type(collection) == "table" and collection.state == state then
      local text = "collection " .. tostring(collection.name)
      if type(collection.problems) == "table" and type(collection.problems[1]) == "string" then
        text = text .. " (" .. collection.problems[1] .. ")"
      end
      return text
    end
  end
  return nil
end

local status = obj.status
if type(status) ~= "table" then
  hs.status = "Progressing"
  hs.message = "Waiting for the first poll"
  return hs
end

-- An invalid spec stops the polls; whatever clusterStatus remains is stale.
if type(status.conditions) == "table" then
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Ready" and condition.status == "False" and condition.reason == "InvalidSpec" then
      hs.status = "Degraded"
      hs.message = condition.message or "Invalid spec"
      return hs
    end
  end
end

if status.clusterStatus == nil or status.clusterStatus == "" then
  hs.status = "Progressing"
  hs.message = "Waiting for the first poll"
  return hs
end

-- An action in flight (a restart, a snapshot recovery) is expected to change the verdict.
if type(status.actions) == "table" then
  for _, action in ipairs(status.actions) do
    if action.outcome == "Running" then
      hs.status = "Progressing"
      hs.message = "Running " .. tostring(action.action) .. " " .. tostring(action.request)
        .. " (cluster " .. tostring(status.clusterStatus) .. ")"
      return hs
    end
  end
end

-- Data that cannot be read is an outage whatever the nodes say.
local data = status.data
if type(data) == "table" and data.state == "Unavailable" then
  hs.status = "Degraded"
  hs.message = "Data unavailable: " .. (firstCollectionIn(status, "Unavailable") or firstWarningMessage(status))
  return hs
end

if status.clusterStatus == "Healthy" then
  hs.status = "Healthy"
  if status.healthyNodes ~= nil then
    hs.message = tostring(status.healthyNodes) .. " nodes healthy"
  else
    hs.message = "Healthy"
  end
  -- AtRisk is a warning, not an outage: the watch stays Healthy and says what is at risk.
  if type(data) == "table" and data.state == "AtRisk" then
    hs.message = hs.message .. "; data at risk: " .. (firstCollectionIn(status, "AtRisk") or "see status.warnings")
  end
  return hs
end

if status.clusterStatus == "Degraded" or status.clusterStatus == "Unavailable" then
  hs.status = "Degraded"
  hs.message = firstWarningMessage(status)
  return hs
end

hs.status = "Unknown"
hs.message = "Unknown clusterStatus " .. tostring(status.clusterStatus)
return hs
