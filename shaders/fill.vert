#version 330 core
// Polygon fills: positions in local metres (float, relative to the district centre).
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_colour;
uniform vec2 u_centre;    // camera centre, local metres (relative to the same origin)
uniform vec2 u_scale;     // metres -> clip space (2 * pixels_per_metre / viewport)
out vec4 v_colour;
void main() {
    gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
    v_colour = a_colour;
}
