#version 330 core
// Point symbols: one vertex per feature, drawn as a sized point sprite.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_colour;
layout(location = 2) in float a_shape;  // 0 circle, 1 square, 2 triangle, 3 diamond, 4 star
layout(location = 3) in float a_size;   // pixels (before the layer's scale)
uniform vec2 u_centre;
uniform vec2 u_scale;
uniform float u_size_scale;
out vec4 v_colour;
flat out int v_shape;
void main() {
    gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
    gl_PointSize = a_size * u_size_scale;
    v_colour = a_colour;
    v_shape = int(a_shape + 0.5);
}
