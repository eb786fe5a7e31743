// The least any ASP.NET Core app does from process start to its first page: the cold-start row's baseline.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => Results.Content("<!doctype html><title>Hello</title><p>Hello</p>", "text/html"));
app.Run();
