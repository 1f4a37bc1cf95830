#version 330 core
// Polygon fills: positions in local metres (float, relative to the district centre); each vertex
// looks up its feature's colour in a buffer texture (a choropleth changes a texel per feature).
layout(location = 0) in vec2 a_pos;
layout(location = 1) in uint a_feature;
uniform vec2 u_centre;    // camera centre, local metres (relative to the same origin)
uniform vec2 u_scale;     // metres -> clip space (2 * pixels_per_metre / viewport)
uniform samplerBuffer u_colours;
out vec4 v_colour;
void main() {
    gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
    v_colour = texelFetch(u_colours, int(a_feature));
}
