-- Runs an Argo CD health script the way Argo CD does: the resource is the global `obj`, the script
-- is a chunk returning the table hs, and it sees only the base, string, table and math libraries
-- and of os only time() (Argo CD's safe os library has it), so a script that leans on anything else
-- (io, debug, require) fails here as it would there.
-- Usage: lua5.1 run-health.lua OBJECT.lua HEALTH.lua NOW
--   OBJECT.lua is a chunk returning the resource as a Lua table; NOW is what os.time() returns
--   (seconds since the epoch); prints "status|message".
local objectFile, scriptFile, now = arg[1], arg[2], tonumber(arg[3])
local object = assert(loadfile(objectFile))()
local script = assert(loadfile(scriptFile))

setfenv(script, {
  obj = object,
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,
  select = select, tonumber = tonumber, tostring = tostring, type = type, unpack = unpack,
  math = math, string = string, table = table,
  os = { time = function() return now end },
})

local hs = script()
if type(hs) ~= "table" then
  error("the health script returned " .. type(hs) .. " instead of a table")
end
io.write(tostring(hs.status), "|", tostring(hs.message))
