-- Runs an Argo CD health script the way Argo CD does: the resource is the global `obj`, the script
-- is a chunk returning the table hs, and it sees only the base, string, table and math libraries
-- (no io, os, debug or require), so a script that leans on anything else fails here as it would there.
-- Usage: lua5.1 run-health.lua OBJECT.lua HEALTH.lua
--   OBJECT.lua is a chunk returning the resource as a Lua table; prints "status|message".
local objectFile, scriptFile = arg[1], arg[2]
local object = assert(loadfile(objectFile))()
local script = assert(loadfile(scriptFile))

setfenv(script, {
  obj = object,
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,
  select = select, tonumber = tonumber, tostring = tostring, type = type, unpack = unpack,
  math = math, string = string, table = table,
})

local hs = script()
if type(hs) ~= "table" then
  error("the health script returned " .. type(hs) .. " instead of a table")
end
io.write(tostring(hs.status), "|", tostring(hs.message))
