#version 330 core
// Lines as screen-space quads, one instance per segment: the four vertices of a triangle strip are
// pushed out sideways (and past the ends, for square caps that close the joins) by half the width in
// pixels, so widths stay constant while zooming.
layout(location = 0) in vec2 a_p0;
layout(location = 1) in vec2 a_p1;
uniform vec2 u_centre;
uniform vec2 u_scale;
uniform vec2 u_viewport;  // pixels
uniform float u_width;    // pixels
void main() {
    vec2 a = (a_p0 - u_centre) * u_scale;
    vec2 b = (a_p1 - u_centre) * u_scale;
    vec2 d = (b - a) * u_viewport * 0.5;  // pixels
    float len = length(d);
    vec2 t = len > 0.0 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-t.y, t.x);
    bool at_start = gl_VertexID < 2;
    float side = (gl_VertexID % 2 == 0) ? 1.0 : -1.0;
    vec2 p = at_start ? a : b;
    vec2 offset_px = (n * side + t * (at_start ? -1.0 : 1.0)) * 0.5 * u_width;
    gl_Position = vec4(p + offset_px * 2.0 / u_viewport, 0.0, 1.0);
}
