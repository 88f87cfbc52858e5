-- post.lua - wrk posts one article to /api/check on every request (the
-- body file is named by SLANT_LOAD_BODY; tests/serve/load.sh makes it).
local f = assert(io.open(os.getenv("SLANT_LOAD_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
