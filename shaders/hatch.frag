#version 330 core
// Diagonal hatching of a fill (zones over a choropleth), with fill.vert.
uniform vec4 u_colour;        // alpha = opacity of the lines
uniform float u_spacing;      // pixels between lines
uniform float u_line_width;   // pixels
uniform float u_between;      // alpha of the colour between the lines (0: nothing)
uniform vec2 u_origin;        // where the hatch starts, framebuffer pixels (fixed to the map, see renderer)
out vec4 o_colour;
void main() {
    bool on_line = mod(gl_FragCoord.x - u_origin.x + gl_FragCoord.y - u_origin.y, u_spacing) < u_line_width;
    if (!on_line && u_between <= 0.0) discard;
    o_colour = vec4(u_colour.rgb, on_line ? u_colour.a : u_between);
}
