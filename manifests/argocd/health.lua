-- Argo CD health check for qdrantvigil.io/QdrantClusterWatch.
-- Installed through argocd-cm (argocd-cm-patch.yaml beside this file, which must hold this exact text).
-- Argo CD runs it with the watch as the global `obj` and only Lua's base, string, table and math libraries,
-- and a safe os library whose os.time() gives the current time.
local hs = {}

-- Go durations as the CRD takes them (30s, 2m, 1m30s, 500ms, 1h); nil when the text is not one.
local durationUnits = { h = 3600, m = 60, s = 1, ms = 0.001, us = 0.000001, ns = 0.000000001 }
local function durationSeconds(text)
  if type(text) ~= "string" or text == "" then
    return nil
  end
  local total, consumed = 0, 0
  for number, unit in string.gmatch(text, "(%d+%.?%d*)(%a+)") do
    local factor = durationUnits[unit]
    if factor == nil then
      return nil
    end
    total = total + tonumber(number) * factor
    consumed = consumed + string.len(number) + string.len(unit)
  end
  if consumed ~= string.len(text) then
    return nil
  end
  return total
end

-- Seconds since the epoch of an RFC 3339 time (UTC or with an offset); nil when it is not one.
local function epochSeconds(text)
  if type(text) ~= "string" then
    return nil
  end
  local y, mo, d, h, mi, s, zone = string.match(text,
    "^(%d%d%d%d)-(%d%d)-(%d%d)[Tt](%d%d):(%d%d):(%d%d)%.?%d*(.*)$")
  if y == nil then
    return nil
  end
  y, mo, d = tonumber(y), tonumber(mo), tonumber(d)
  if mo <= 2 then
    y = y - 1
  end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local doy = math.floor((153 * ((mo + 9) % 12) + 2) / 5) + d - 1
  local days = era * 146097 + yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy - 719468
  local offset = 0
  if zone ~= "Z" and zone ~= "z" then
    local sign, oh, om = string.match(zone, "^([+-])(%d%d):(%d%d)$")
    if sign == nil then
      return nil
    end
    offset = (tonumber(oh) * 3600 + tonumber(om) * 60) * (sign == "-" and -1 or 1)
  end
  return days * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(s) - offset
end

-- A status older than max(3 x interval, 2m) + timeout is stale: the operator has stopped polling.
local function isStale(spec, status)
  if type(os) ~= "table" or type(os.time) ~= "function" then
    return false
  end
  local polled = epochSeconds(status.lastPollTime)
  if polled == nil then
    return false
  end
  spec = type(spec) == "table" and spec or {}
  local interval = durationSeconds(spec.interval) or 120
  local timeout = durationSeconds(spec.timeout) or 5
  return os.time() - polled > math.max(3 * interval, 120) + timeout
end

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

if isStale(obj.spec, status) then
  hs.status = "Degraded"
  hs.message = "status is stale since " .. tostring(status.lastPollTime)
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
